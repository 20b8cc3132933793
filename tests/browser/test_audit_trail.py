"""The business unit reads the audit trail; a reviewer may not."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.audit.services import audit_record
from tests.browser.helpers import check_page, sign_in
from tests.browser.journeys import open_from_home
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_business_unit_filters_the_audit_trail_by_person(
    page: Page, world: PartnershipWorld
) -> None:
    admin = world.person("administrator")
    agency = world.partnership.agencies.get()
    audit_record(by=admin, verb="agency.updated", obj=agency, data={"fields": ["kind"]})

    sign_in(page, world.person("business_unit").email, TEST_PASSWORD)
    open_from_home(page, world, "Audit trail")
    filters = page.get_by_role("form", name="Filter the audit trail")
    for label in ("Person", "What they did", "Kind of record", "Record number", "From", "To"):
        expect(filters.get_by_label(label, exact=True)).to_be_visible()
    events = page.get_by_role("table", name="Audit events").locator("tbody tr")
    expect(events.filter(has_text=admin.full_name)).to_have_count(1)
    expect(events.filter(has_text=world.person("business_unit").full_name)).not_to_have_count(0)
    check_page(page, "audit-trail")

    filters.get_by_label("Person").select_option(label=admin.full_name)
    filters.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(rf"[?&]actor={admin.pk}(&|$)"))
    expect(filters.get_by_label("Person")).to_have_value(str(admin.pk))
    expect(page.get_by_text("1 event", exact=True)).to_be_visible()
    expect(events).to_have_count(1)
    expect(events.first).to_contain_text(admin.full_name)
    expect(events.first).to_contain_text("agency.updated: kind")
    check_page(page, "audit-trail-by-person")


def test_a_reviewer_is_refused_the_audit_trail(page: Page, world: PartnershipWorld) -> None:
    sign_in(page, world.person("reviewer").email, TEST_PASSWORD)
    response = page.goto(
        reverse("audit:trail", kwargs={"partnership_slug": world.partnership.slug})
    )
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page"
    )
    expect(page.get_by_role("table", name="Audit events")).to_have_count(0)
    check_page(page, "refused-403")
