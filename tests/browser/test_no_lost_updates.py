"""No lost updates, in two browsers at once: two administrators open the same agency's page,
each in a browser of their own. The first renames it and saves. The second renames it too and
saves: the page comes back saying someone else saved it, with what is saved now beside what
they entered, and their words still in the form. They save again, knowingly, and theirs is
kept. With and without JavaScript."""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import DESKTOP, TIMEOUT_MS, PageChecks, sign_in
from tests.browser.journeys import success_banner
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"]),
]


@pytest.fixture
def other_page(browser: Browser, live_url: str, java_script_enabled: bool) -> Iterator[Page]:
    """A second browser context: another person's browser, with its own cookies."""
    context = browser.new_context(
        base_url=live_url,
        viewport=DESKTOP,
        java_script_enabled=java_script_enabled,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_second_save_shows_what_changed_and_keeps_what_was_typed(
    page: Page, other_page: Page, checks: PageChecks, world: PartnershipWorld
) -> None:
    agency = world.partnership.agencies.first()
    second_admin = UserFactory(full_name="Second administrator")
    MembershipFactory(user=second_admin, partnership=world.partnership, role="administrator")
    url = reverse(
        "partnerships:agency-edit",
        kwargs={"partnership_slug": world.partnership.slug, "agency_id": agency.pk},
    )
    sign_in(page, world.person("administrator").email, TEST_PASSWORD)
    sign_in(other_page, second_admin.email, TEST_PASSWORD)
    page.goto(url)
    other_page.goto(url)
    checks()

    page.get_by_label("Agency name").fill("Northshire Academy Trust")
    page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text("Northshire Academy Trust saved.")

    other_page.get_by_label("Agency name").fill("Northshire Academy (secondary)")
    other_page.get_by_role("button", name="Save").click()
    panel = other_page.locator("#edit-conflict")
    expect(panel).to_contain_text("Someone else saved this")
    row = panel.get_by_role("row", name="Agency name")
    expect(row).to_contain_text("Northshire Academy Trust")
    expect(row).to_contain_text("Northshire Academy (secondary)")
    expect(other_page.get_by_role("alert")).to_contain_text("Someone else saved this record")
    expect(other_page.get_by_label("Agency name")).to_have_value("Northshire Academy (secondary)")
    PageChecks(other_page)("no-lost-updates-conflict")

    other_page.get_by_role("button", name="Save").click()
    expect(success_banner(other_page)).to_contain_text("Northshire Academy (secondary) saved.")
    agency.refresh_from_db()
    assert agency.name == "Northshire Academy (secondary)"
