"""The administrator sets how long closed cases are kept; the business unit sees which closed
case will be deleted when. Each page passes axe and the page checks."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.backups.services.retention import retention_policy_set
from cspr.cases.services import case_triage
from tests.browser.helpers import check_error_summary, check_page, sign_in
from tests.browser.journeys import open_from_home
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_administrator_sets_the_retention_period(
    page: Page, world: PartnershipWorld, recent_case
) -> None:
    case_triage(
        case=recent_case, by=world.person("business_unit"), outcome="close", reason="No abuse."
    )
    sign_in(page, world.person("administrator").email, TEST_PASSWORD)
    open_from_home(page, world, "Retention of closed cases")
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention of closed cases")
    expect(page.get_by_text("Closed cases are kept indefinitely")).to_be_visible()
    expect(page.get_by_text(recent_case.reference)).to_have_count(0)
    check_page(page, "retention-not-set")

    page.get_by_role("button", name="Set a retention period").click()
    page.get_by_label("How many years to keep a case after it closes").fill("0")
    page.get_by_role("button", name="Save retention period").click()
    check_error_summary(page, {"Enter at least 1 year": "id_years"})
    check_page(page, "retention-form-error")
    page.get_by_label("How many years to keep a case after it closes").fill("7")
    page.get_by_role("button", name="Save retention period").click()

    retention = reverse("backups:retention", kwargs={"partnership_slug": world.partnership.slug})
    expect(page).to_have_url(re.compile(re.escape(retention) + "$"))
    expect(page.get_by_role("alert")).to_contain_text("Retention period saved.")
    expect(page.get_by_text("Closed cases are kept for 7 years")).to_be_visible()
    check_page(page, "retention-set")


def test_the_business_unit_sees_which_case_goes_when(
    page: Page, world: PartnershipWorld, recent_case
) -> None:
    case_triage(
        case=recent_case, by=world.person("business_unit"), outcome="close", reason="No abuse."
    )
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=6)
    sign_in(page, world.person("business_unit").email, TEST_PASSWORD)
    page.goto(reverse("backups:retention", kwargs={"partnership_slug": world.partnership.slug}))
    row = page.get_by_role("row").filter(has_text=recent_case.reference)
    expect(row.get_by_role("cell").nth(1)).to_have_text("Closed without a review")
    check_page(page, "retention-business-unit")
