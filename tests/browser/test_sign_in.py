"""Signing in with the keyboard alone: Tab, type, Enter, and never a click."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    check_error_summary,
    check_page,
    give_authenticator,
    security_code_for,
    tab_to,
    type_into,
)
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

WRONG_PASSWORD = "Enter a correct e-mail address and password. The password is case-sensitive."


def type_sign_in(page: Page, email: str, password: str) -> None:
    """From a freshly loaded sign-in page: the skip link is the first Tab stop; then Tab to the
    e-mail address, type, Tab to the password, type, and Enter."""
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, page.get_by_label("E-mail address"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def type_security_code(page: Page, email: str) -> None:
    """On "Enter your security code": Tab to the box, type the app's code, Enter."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    type_into(page, page.get_by_label("Security code"), security_code_for(email))
    page.keyboard.press("Enter")


def test_signing_in_with_the_keyboard_lands_on_the_partnership_home(
    page: Page, world: PartnershipWorld
) -> None:
    person = world.person("business_unit")
    give_authenticator(person.email)
    page.goto(reverse("accounts:sign-in"))
    type_sign_in(page, person.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    check_page(page, "security-code")
    page.goto(page.url)  # afresh, as check_page moved the focus into the main content
    type_security_code(page, person.email)

    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    expect(page).to_have_url(re.compile(re.escape(home) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_text(f"Signed in as {person.full_name}")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check_page(page, "partnership-home-business-unit")


def test_a_wrong_password_is_explained_and_the_summary_takes_the_focus(
    page: Page, world: PartnershipWorld
) -> None:
    person = world.person("business_unit")
    page.goto(reverse("accounts:sign-in"))
    type_sign_in(page, person.email, "not the password")

    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:sign-in")) + "$"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_error_summary(page, {WRONG_PASSWORD: "id_username"})
    expect(page.get_by_label("E-mail address")).to_have_value(person.email)
    expect(page.get_by_label("Password")).to_have_value("")
    check_page(page, "sign-in-wrong-password")
