"""An invited agency lead's first sign-in: set a password from the invitation, set up
two-factor sign-in by typing the key into an authenticator app (here, computing its code from
the key shown), keep the ten recovery codes; later sign in with a recovery code, which is
refused the second time."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.accounts.two_factor import current_code, key_from_text
from cspr.partnerships.models import Role
from cspr.partnerships.services import person_add
from tests.browser.helpers import PageChecks, check_error_summary
from tests.browser.journeys import expect_at, link_in_mail, success_banner
from tests.conftest import PartnershipWorld

pytestmark = pytest.mark.browser

EMAIL = "nia.newlead@example.org"
PASSWORD = "a long new passphrase for Nia 7"
USED_CODE = "That recovery code is not right, or it has been used already. Check it and try again."
WRONG_FIRST_CODE = (
    "The code does not match. Check the app shows CSPR, then enter the 6-digit code it shows now."
)


def sign_in_with_password(page: Page, checks: PageChecks) -> None:
    page.goto(reverse("accounts:sign-in"))
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    checks()


def sign_in_with_recovery_code(page: Page, checks: PageChecks, code: str) -> None:
    sign_in_with_password(page, checks)
    page.get_by_role("link", name="I cannot use my authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter a recovery code")
    checks("two-factor-recovery-code")
    page.get_by_label("Recovery code").fill(code)
    page.get_by_role("button", name="Continue").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_an_invited_agency_lead_sets_up_two_factor_and_uses_a_recovery_code_once(
    page: Page, checks: PageChecks, world: PartnershipWorld
) -> None:
    person_add(
        partnership=world.partnership,
        by=world.person("administrator"),
        email=EMAIL,
        full_name="Nia Newlead",
        role=Role.AGENCY_LEAD,
        agency=world.partnership.agencies.get(),
    )
    lead = User.objects.get(email=EMAIL)
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})

    # The invitation: set a password.
    page.goto(link_in_mail(lead, "You have been given access"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    checks()
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Save the password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is saved")
    checks()

    # The first sign-in asks for two-factor sign-in to be set up.
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    checks("two-factor-set-up")

    shown = page.locator("#two-factor-key").inner_text().replace("Key:", "")
    assert re.fullmatch(r"\s*([A-Z2-7]{4}\s+){7}[A-Z2-7]{4}\s*", shown), shown
    key = key_from_text(shown)
    right = current_code(key)
    page.get_by_label("Code from the app").fill(f"{(int(right) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Confirm the code").click()
    check_error_summary(page, {WRONG_FIRST_CODE: "id_code"})
    checks("two-factor-set-up-wrong-code")

    page.get_by_label("Code from the app").fill(current_code(key))
    page.get_by_role("button", name="Confirm the code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert len(set(codes)) == 10
    expect(page.get_by_text("You will not be shown these codes again")).to_be_visible()
    checks("two-factor-recovery-codes")
    page.get_by_role("button", name="I have kept my codes, continue").click()
    expect_at(page, home)
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    checks()
    sign_out(page)

    # Without the phone: a recovery code, once.
    sign_in_with_recovery_code(page, checks, codes[0])
    expect_at(page, home)
    expect(success_banner(page)).to_contain_text("You have 9 codes left")

    # The person's own page: how many codes are left, and new ones if they want.
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    expect(page.get_by_text("9 of 10 left")).to_be_visible()
    checks("two-factor-account")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make new recovery codes")
    checks("two-factor-new-recovery-codes")
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    sign_out(page)

    sign_in_with_recovery_code(page, checks, codes[0])
    check_error_summary(page, {USED_CODE: "id_code"})
    checks("two-factor-recovery-code-used")
    expect(page.get_by_label("Recovery code")).to_have_value(codes[0])
