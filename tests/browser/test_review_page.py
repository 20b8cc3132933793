"""The page of a case under review (a local CSPR with its reviewer commissioned, set up through
the services), as the business unit sees it; the agency lead who referred the case sees the case
but not its review."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.reviews.models import Commission
from tests.browser.helpers import PageChecks
from tests.browser.journeys import check_refused, sign_in_as
from tests.conftest import PartnershipWorld

pytestmark = pytest.mark.browser


def test_the_review_page_of_a_case_under_review(
    page: Page, checks: PageChecks, world: PartnershipWorld, commission: Commission
) -> None:
    case = commission.review.case
    review_page = reverse(
        "reviews:detail",
        kwargs={"partnership_slug": world.partnership.slug, "reference": case.reference},
    )
    main = page.get_by_role("main")

    sign_in_as(page, checks, world.person("business_unit"), via=review_page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Local child safeguarding practice review"
    )
    expect(main).to_contain_text(f"{case.reference}, {case.pseudonym}")
    expect(main).to_contain_text(world.person("reviewer").full_name)
    expect(main).not_to_contain_text(case.identity.full_name)
    checks("review-page")

    sign_in_as(page, checks, world.person("agency_lead"))
    check_refused(page, checks, review_page, 403)
