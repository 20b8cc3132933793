"""Recovery codes: ten, each works once, typed as shown or without the space; new ones from
the account page replace the old ones, which stop working."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from cspr.accounts.models import User
from cspr.accounts.two_factor import _replace_recovery_codes, format_recovery_code
from cspr.audit.models import AuditEvent
from tests.accounts.helpers import authenticator_for, codes_on_page, sign_in
from tests.conftest import PartnershipWorld

RECOVERY = reverse("accounts:two-factor-recovery")
ACCOUNT = reverse("accounts:two-factor")


def with_codes(person: User) -> list[str]:
    authenticator_for(person)
    return _replace_recovery_codes(person)


def use_code(person: User, code: str) -> tuple[Client, object]:
    client = Client()
    sign_in(client, person.email)
    return client, client.post(RECOVERY, {"code": code}, follow=True)


def test_a_recovery_code_signs_in_once(world: PartnershipWorld) -> None:
    person = world.person("safeguarding_partner")
    codes = with_codes(person)
    assert len(codes) == 10

    _, response = use_code(person, format_recovery_code(codes[3]).upper())
    assert response.redirect_chain[0][0] == reverse("home")
    page = response.content.decode()
    assert "You signed in with a recovery code" in page
    assert "You have 9 codes left" in page
    assert StaticToken.objects.filter(device__user=person).count() == 9
    used = AuditEvent.objects.get(verb="two_factor.recovery_code_used")
    assert used.data == {"left": 9}
    assert codes[3] not in str(used.data)

    _, again = use_code(person, codes[3])
    assert "That recovery code is not right, or it has been used already" in again.content.decode()


def test_running_low_on_codes_says_to_make_new_ones(world: PartnershipWorld) -> None:
    person = world.person("reviewer")
    codes = with_codes(person)
    StaticToken.objects.filter(device__user=person).exclude(token__in=codes[:3]).delete()
    _, response = use_code(person, codes[0])
    assert "You have 2 codes left. Make new ones from Two-factor sign-in." in (
        response.content.decode()
    )


def test_the_recovery_page_is_for_people_without_their_app(
    world: PartnershipWorld, password_only
) -> None:
    authenticator_for(world.person("reviewer"))
    page = password_only("reviewer").get(RECOVERY).content.decode()
    assert "Enter a recovery code" in page
    assert 'inputmode="numeric"' not in page  # codes have letters
    assert "ask your partnership's administrator to reset" in page


def test_the_account_page_shows_the_state_and_offers_new_codes(
    world: PartnershipWorld, client_as
) -> None:
    person = world.person("business_unit")
    client = client_as("business_unit")
    with_codes(person)
    page = client.get(ACCOUNT).content.decode()
    assert "Two-factor sign-in" in page
    assert "10 of 10 left" in page
    assert reverse("accounts:recovery-codes-new") in page


def test_new_codes_replace_the_old_ones(world: PartnershipWorld, client_as) -> None:
    person = world.person("business_unit")
    old = with_codes(person)
    client = client_as("business_unit")

    confirm = client.get(reverse("accounts:recovery-codes-new"))
    assert confirm.status_code == 200
    assert "Make new recovery codes" in confirm.content.decode()
    assert StaticToken.objects.filter(device__user=person).count() == 10  # GET changes nothing

    response = client.post(reverse("accounts:recovery-codes-new"), follow=True)
    new = codes_on_page(response.content.decode())
    assert len(new) == 10
    assert not {code.replace(" ", "") for code in new} & set(old)
    assert codes_on_page(client.get(reverse("accounts:recovery-codes")).content.decode()) == []
    assert AuditEvent.objects.get(verb="two_factor.recovery_codes_created").data == {"count": 10}

    _, accepted = use_code(person, new[0])
    assert "You signed in with a recovery code" in accepted.content.decode()
    _, refused = use_code(person, old[0])
    assert "That recovery code is not right" in refused.content.decode()


def test_nobody_can_make_codes_with_a_password_alone(
    world: PartnershipWorld, password_only
) -> None:
    person = world.person("business_unit")
    old = with_codes(person)
    client = password_only("business_unit")
    response = client.post(reverse("accounts:recovery-codes-new"))
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True)) == (
        set(old)
    )
