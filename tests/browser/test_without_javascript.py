"""Everything works without JavaScript: signing in and adding an agency, with JavaScript off."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import check_page, javascript_ran, sign_in
from tests.browser.journeys import add_an_agency
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("java_script_enabled", [False], ids=["no-js"]),
]


def test_signing_in_and_adding_an_agency_without_javascript(
    page: Page, world: PartnershipWorld
) -> None:
    sign_in(page, world.person("administrator").email, TEST_PASSWORD)
    assert not javascript_ran(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    # Without JavaScript the service navigation is a plain list of links, not a Menu button.
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Agencies")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    check_page(page, "administrator-home")
    add_an_agency(page, world, "Northshire Early Help Service", shots="administrator")
    assert not javascript_ran(page), "JavaScript ran although it was turned off"
