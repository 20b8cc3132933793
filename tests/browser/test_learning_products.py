"""A Learning on a Page from draft to the public page, in the browser: the business unit drafts
it from the review's page and writes it (a stale edit refused on the way), a safeguarding
partner approves it, the business unit publishes it, and anyone reads it and downloads its PDF.
A local learning review with no report to publish, so it can go out at once (ADR 8). Every page
is checked with axe, at 1280 and 375 pixels."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.briefings import services
from cspr.reviews.models import Commission, Review
from tests.browser.helpers import PageChecks
from tests.browser.journeys import expect_at, sign_in_as, success_banner
from tests.conftest import PartnershipWorld

pytestmark = pytest.mark.browser

SECTIONS = {
    "Key learning": "- Bruising in a baby who is not yet mobile always needs a referral.",
    "What good practice looks like": "The health visitor told her safeguarding lead the same day.",
    "What practitioners should do differently": "- Ask about every adult in the household.",
}


@pytest.fixture
def review(commission: Commission) -> Review:
    """The commissioned review, as a local learning review whose report is final."""
    review = commission.review
    Review.objects.filter(pk=review.pk).update(kind="local_learning_review", state="report_final")
    review.refresh_from_db()
    return review


def test_a_learning_on_a_page_from_draft_to_the_public_page(
    page: Page, checks: PageChecks, world: PartnershipWorld, review: Review
) -> None:
    case = review.case
    kwargs = {"partnership_slug": world.partnership.slug, "reference": case.reference}
    main = page.get_by_role("main")

    sign_in_as(
        page, checks, world.person("business_unit"), via=reverse("reviews:detail", kwargs=kwargs)
    )
    main.get_by_role("link", name="Learning on a Page and 7-minute briefing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Learning on a Page and 7-minute briefing"
    )
    checks("learning-products")

    main.get_by_role("link", name="Draft the Learning on a Page").click()
    checks("learning-product-draft")
    page.get_by_role("button", name="Draft it").click()
    expect(success_banner(page)).to_contain_text("Drafted from the review's record.")
    title = f"{case.pseudonym}: Learning on a Page"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(main).to_contain_text("Before it can be approved:")
    expect(main).not_to_contain_text(case.identity.full_name)
    checks("learning-product-draft-page")

    product = review.learning_products.get()
    page.get_by_role("button", name="Change it").click()
    for label, text in SECTIONS.items():
        page.get_by_role("textbox", name=label, exact=True).fill(text)
    services.product_update(  # someone else saves it meanwhile
        product=product,
        by=world.person("business_unit"),
        values={"title": product.title},
        expected_version=product.version,
    )
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone else saved this record")
    expect(page.get_by_role("textbox", name="Key learning")).to_have_value(SECTIONS["Key learning"])
    conflict = page.locator("#edit-conflict")
    expect(conflict).to_contain_text("What is different")
    expect(conflict.get_by_role("row", name="Key learning")).to_contain_text(
        SECTIONS["Key learning"].split("\n")[0]
    )
    checks("learning-product-stale-edit")
    page.get_by_role("button", name="Save the draft").click()  # the form has the new version
    expect(success_banner(page)).to_contain_text("Draft saved.")
    expect(main).not_to_contain_text("Before it can be approved:")

    sign_in_as(page, checks, world.person("safeguarding_partner"))
    detail = reverse("briefings:detail", kwargs={**kwargs, "kind": "learning-on-a-page"})
    page.goto(detail)
    page.get_by_role("button", name="Approve it").click()
    checks("learning-product-approve")
    page.get_by_role("button", name="Approve it").click()
    expect(success_banner(page)).to_contain_text("Approved.")

    sign_in_as(page, checks, world.person("business_unit"), via=detail)
    page.get_by_role("button", name="Publish it").click()
    checks("learning-product-publish")
    page.get_by_role("button", name="Publish it").click()
    expect(success_banner(page)).to_contain_text("Published")
    checks("learning-product-published")

    page.context.clear_cookies()
    page.goto(reverse("public_briefings:list"))
    checks("public-learning-products")
    page.get_by_role("link", name=title).click()
    expect_at(page, f"/learning/briefings/{product.slug}/")
    expect(page.get_by_role("heading", level=2, name="Key learning")).to_be_visible()
    expect(main).to_contain_text("always needs a referral")
    expect(main).not_to_contain_text(case.reference)
    checks("public-learning-product")
    with page.expect_download() as download:
        main.get_by_role("link", name="Download the Learning on a Page").click()
    assert download.value.suggested_filename == f"{product.slug}.pdf"
