"""Setting up two-factor sign-in at the first sign-in: a QR code and a text key, a first code
that confirms the app, then ten recovery codes shown once. And the whole first sign-in of an
invited agency lead, from the invitation e-mail to the partnership's home page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.two_factor import current_code, key_for_people, key_from_text, new_key
from cspr.audit.models import AuditEvent
from cspr.partnerships.models import Role
from tests.accounts.helpers import (
    SET_UP,
    authenticator_for,
    codes_on_page,
    key_on_page,
    sign_in,
)
from tests.conftest import PartnershipWorld

RECOVERY_CODES = reverse("accounts:recovery-codes")


def test_the_key_is_shown_in_groups_of_four_and_reads_back() -> None:
    key = new_key()
    shown = key_for_people(key)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", shown)
    assert key_from_text(shown) == key
    assert key_from_text(shown.lower().replace(" ", "")) == key


def test_the_set_up_page_shows_a_qr_code_image_and_the_key(
    world: PartnershipWorld, password_only
) -> None:
    client = password_only("agency_lead")
    response = client.get(SET_UP)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<img class="cspr-qr-code" src="data:image/svg+xml;base64,' in page
    assert 'alt="QR code for adding CSPR to your authenticator app' in page
    key = key_on_page(page)
    assert key == client.session["cspr_two_factor_setup_key"]
    assert key not in response.request["PATH_INFO"]
    # The same key on a second look, so a person who reloads can still scan it.
    assert key_on_page(client.get(SET_UP).content.decode()) == key
    assert " style=" not in page
    assert "<script>" not in page
    assert not TOTPDevice.objects.filter(user=world.person("agency_lead")).exists()


def test_a_wrong_first_code_is_refused_with_a_message(
    world: PartnershipWorld, password_only
) -> None:
    client = password_only("agency_lead")
    client.get(SET_UP)
    page = client.post(SET_UP, {"code": "000000"}).content.decode()
    assert "govuk-error-summary" in page
    assert "The code does not match" in page
    assert 'value="000000"' in page
    assert not TOTPDevice.objects.filter(user=world.person("agency_lead")).exists()
    failed = AuditEvent.objects.get(verb="two_factor.confirmation_failed")
    assert "000000" not in str(failed.data)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Enter the 6-digit code your authenticator app shows"), ("12ab", "6 digits")],
)
def test_a_missing_or_malformed_code_says_what_is_wanted(
    typed: str, message: str, world: PartnershipWorld, password_only
) -> None:
    client = password_only("agency_lead")
    client.get(SET_UP)
    page = client.post(SET_UP, {"code": typed}).content.decode()
    assert message in page


def test_the_right_code_sets_it_up_and_shows_ten_recovery_codes_once(
    world: PartnershipWorld, password_only
) -> None:
    person = world.person("agency_lead")
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    client = password_only("agency_lead")
    key = key_on_page(client.get(f"{SET_UP}?next={home}").content.decode())

    response = client.post(f"{SET_UP}?next={home}", {"code": current_code(key)})
    assert response.status_code == 302
    assert response["Location"].startswith(RECOVERY_CODES)
    device = TOTPDevice.objects.get(user=person)
    assert device.confirmed
    assert device.key == key
    assert "cspr_two_factor_setup_key" not in client.session

    page = client.get(response["Location"]).content.decode()
    codes = codes_on_page(page)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert "You will not be shown these codes again" in page
    assert f'href="{home}"' in page
    stored = set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert stored == {code.replace(" ", "") for code in codes}

    assert codes_on_page(client.get(RECOVERY_CODES).content.decode()) == []  # only once
    assert client.get(home).status_code == 200  # this session is verified
    event = AuditEvent.objects.get(verb="two_factor.set_up")
    assert event.actor == person
    assert event.data == {"recovery_codes": 10}


def test_the_confirming_code_cannot_be_used_again_to_sign_in(
    world: PartnershipWorld, password_only
) -> None:
    client = password_only("agency_lead")
    key = key_on_page(client.get(SET_UP).content.decode())
    code = current_code(key)
    client.post(SET_UP, {"code": code})

    again = Client()
    sign_in(again, world.person("agency_lead").email)
    page = again.post(reverse("accounts:two-factor-verify"), {"code": code}).content.decode()
    assert "The security code is not right" in page


def test_a_password_alone_can_never_replace_an_authenticator(
    world: PartnershipWorld, password_only
) -> None:
    person = world.person("agency_lead")
    device = authenticator_for(person)
    client = password_only("agency_lead")
    assert client.get(SET_UP)["Location"].startswith(reverse("accounts:two-factor-verify"))
    response = client.post(SET_UP, {"code": "123456"})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=person)) == [device]


def test_someone_signed_in_fully_is_sent_to_their_account_page(
    world: PartnershipWorld, client_as
) -> None:
    response = client_as("reviewer").get(SET_UP)
    assert response["Location"] == reverse("accounts:two-factor")


def test_an_invited_agency_lead_signs_in_for_the_first_time(
    world: PartnershipWorld, client_as, django_capture_on_commit_callbacks
) -> None:
    """Invitation e-mail -> set a password -> sign in -> set up two-factor -> recovery codes
    -> the partnership's home page."""
    agency = world.partnership.agencies.first()
    with django_capture_on_commit_callbacks(execute=True):
        client_as("administrator").post(
            reverse("partnerships:person-add", kwargs={"partnership_slug": world.partnership.slug}),
            {
                "full_name": "Nia Newlead",
                "email": "nia.newlead@example.org",
                "role": Role.AGENCY_LEAD,
                "agency": agency.pk,
            },
        )
    link = re.search(r"http://\S+", mail.outbox[-1].body)
    assert link is not None
    browser = Client()
    form = browser.get(link.group(0).split("127.0.0.1:8000", 1)[1], follow=True)
    password = "a new and long passphrase 7"
    saved = browser.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert saved["Location"] == reverse("accounts:password-reset-complete")

    signed_in = sign_in(browser, "nia.newlead@example.org", password)
    assert signed_in["Location"].startswith(SET_UP)
    set_up = browser.get(signed_in["Location"])
    key = key_on_page(set_up.content.decode())
    confirmed = browser.post(signed_in["Location"], {"code": current_code(key)})
    codes_page = browser.get(confirmed["Location"])
    assert len(codes_on_page(codes_page.content.decode())) == 10
    onwards = re.search(r'href="([^"]+)" role="button"', codes_page.content.decode())
    assert onwards is not None
    home = browser.get(onwards.group(1), follow=True)
    assert home.status_code == 200
    assert home.redirect_chain[-1][0] == reverse(
        "partnerships:home", kwargs={"partnership_slug": world.partnership.slug}
    )
    assert "Nia Newlead" in home.content.decode()
