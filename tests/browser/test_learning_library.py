"""A member of the public finds a published review in the learning library: they search for its
words, see it ranked first with the words marked, narrow the results by year, open it, and
follow it to the partnership's page of the published report. The business unit's library pages
ask them to sign in; the recurring themes page is theirs to read."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cspr.learning.importing import read_jsonl
from cspr.learning.models import LearningItem, Theme
from cspr.learning.services.imports import library_import
from cspr.learning.vocabulary import SEED
from cspr.publication.models import PublishedReport, Recipient
from cspr.publication.services import copy_record, plan_set, report_publish
from cspr.reviews.models import Review
from tests.browser.helpers import PageChecks, days_ago
from tests.browser.journeys import expect_at
from tests.conftest import PartnershipWorld
from tests.fixtures.library import pdf_bytes, upload

pytestmark = pytest.mark.browser

TITLE = "Child R: bruising that agencies did not share"
SUMMARY = (
    "An infant was seriously injured at home. Agencies saw bruising but did not share what "
    "they knew with each other."
)
# Elsewhere in the library: one matches both words less well, one neither.
IMPORTED = [
    {
        "title": "Bruising in babies who are not yet mobile",
        "partnership": "Westmarch Safeguarding Children Partnership",
        "year": 2024,
        "review_type": "cspr",
        "age_group": "under_1",
        "summary": "Health visitors saw small bruises twice and did not refer them.",
        "text": "Practitioners did not always share their worries with the GP.",
        "themes": ["physical-abuse", "infant"],
    },
    {
        "title": "Neglect over many years",
        "partnership": "Eastvale Safeguarding Children Partnership",
        "year": 2023,
        "review_type": "scr",
        "age_group": "5_10",
        "summary": "A child lived in very poor home conditions for many years.",
        "themes": ["neglect"],
    },
]


@pytest.fixture
def vocabulary() -> None:
    """The seeded themes (a test before this one may have emptied every table)."""
    positions: dict[str, int] = {}
    for seed in SEED:
        positions[seed.facet] = positions.get(seed.facet, 0) + 1
        Theme.objects.get_or_create(
            slug=seed.slug,
            defaults={
                "facet": seed.facet,
                "name": seed.name,
                "cues": "\n".join(seed.cues),
                "position": positions[seed.facet],
            },
        )


@pytest.fixture
def library(vocabulary: None, cspr: Review, world: PartnershipWorld) -> PublishedReport:
    """Two reviews of other partnerships imported into the library, and the world's local
    CSPR published today through the publication services (which put it in the library and
    read its PDF). The review is moved straight to "ready to publish", as the publication
    tests do: its report's own journey is tested elsewhere."""
    report = read_jsonl([json.dumps(line) for line in IMPORTED])
    assert report.ok, report.errors
    library_import(rows=report.rows)

    bu = world.person("business_unit")
    Review.objects.filter(pk=cspr.pk).update(state="ready_to_publish")
    cspr.refresh_from_db()
    plan_set(review=cspr, by=bu, planned_on=days_ago(0))
    for recipient in Recipient.values:  # in time for PRE-PUBLICATION
        copy_record(review=cspr, by=bu, recipient=recipient, sent_on=days_ago(30))
    pdf = pdf_bytes(
        "Child R: a local child safeguarding practice review.",
        "The school, the health visitor and the GP each saw bruising and did not share it.",
    )
    return report_publish(
        review=cspr, by=bu, title=TITLE, summary=SUMMARY, uploaded_file=upload("report.pdf", pdf)
    )


def test_a_member_of_the_public_finds_a_published_review_in_the_library(
    page: Page, checks: PageChecks, world: PartnershipWorld, library: PublishedReport
) -> None:
    main = page.get_by_role("main")
    published = LearningItem.objects.get(published_report=library)
    this_year = timezone.localdate().year
    assert published.year == this_year

    # Everything public, newest first, before a search.
    response = page.goto(reverse("library:search"))
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning library")
    expect(main.get_by_role("heading", level=2, name="3 results")).to_be_visible()
    checks("learning-library")

    # A search for two of its words: it comes first, with the words marked.
    search_box = main.get_by_role("searchbox", name="Search")
    search_box.fill("bruising share")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_title(re.compile(r"^“bruising share”: Learning library"))
    expect(
        main.get_by_role("heading", level=2, name="2 results for “bruising share”")
    ).to_be_visible()
    results = main.get_by_role("list", name=re.compile(r"^\d+ results? for ")).get_by_role(
        "listitem"
    )
    expect(results).to_have_count(2)
    expect(results.first.get_by_role("heading", level=3)).to_have_text(TITLE)
    expect(results.nth(1).get_by_role("heading", level=3)).to_have_text(
        "Bruising in babies who are not yet mobile"
    )
    marked = results.first.locator("mark")
    expect(marked.first).to_be_visible()
    words = {text.casefold() for text in marked.all_inner_texts()}
    assert words == {"bruising", "share"}, f"marked: {words}"
    checks("learning-library-search")

    # The year filter, on the same GET form, keeps the words searched for.
    page.get_by_label("Year", exact=True).select_option(str(this_year))
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(rf"[?&]year={this_year}(&|$)"))
    expect(search_box).to_have_value("bruising share")
    expect(page.get_by_label("Year", exact=True)).to_have_value(str(this_year))
    expect(
        main.get_by_role("heading", level=2, name="1 result for “bruising share”")
    ).to_be_visible()
    expect(results).to_have_count(1)
    expect(main.get_by_role("link", name="Clear the filters")).to_be_visible()
    checks()

    # Its page in the library, then the published report on the partnership's page.
    results.first.get_by_role("link", name=TITLE).click()
    expect_at(page, reverse("library:item", kwargs={"item_id": published.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(SUMMARY)
    expect(main).to_contain_text(world.partnership.name)
    checks("learning-library-item")

    main.get_by_role("link", name=re.compile(r"^The published report on ")).click()
    slug = world.partnership.slug
    expect_at(
        page,
        reverse("published:report", kwargs={"partnership_slug": slug, "report_id": library.pk}),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(f"{days_ago(0):%-d %B %Y}")
    expect(main.get_by_role("link", name=re.compile(r"^Download the report \(PDF"))).to_be_visible()
    expect(main).not_to_contain_text(library.review.case.reference)
    checks("published-report")

    # The business unit's pages of the library ask the visitor to sign in.
    manage = reverse("learning:list", kwargs={"partnership_slug": slug})
    answer = page.request.get(manage, max_redirects=0)
    assert answer.status == 302
    sign_in = reverse("accounts:sign-in")
    assert answer.headers["location"] == f"{sign_in}?next={manage}"
    page.goto(manage)
    expect_at(page, f"{sign_in}?next={manage}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    checks()

    # The recurring themes of the library are public.
    response = page.goto(reverse("recurring_public:library"))
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Recurring themes in the learning library"
    )
    expect(main.get_by_role("table")).to_contain_text("Physical abuse or non-accidental injury")
    checks("learning-recurring-themes")
