"""An administrator of a partnership resets the second factor of one of its members (lost
phone): confirm on GET, act on POST, audited, the person told by e-mail and signed out
everywhere; they set it up again when they next sign in. Nobody else may."""

import html

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.two_factor import _replace_recovery_codes
from cspr.audit.models import AuditEvent
from cspr.partnerships.models import Membership, Role
from tests.accounts.helpers import SET_UP, authenticator_for, sign_in
from tests.conftest import PartnershipWorld

ROLES = [role.value for role in Role]


def reset_url(world: PartnershipWorld, membership: Membership) -> str:
    return reverse(
        "partnerships:two-factor-reset",
        kwargs={"partnership_slug": world.partnership.slug, "membership_id": membership.pk},
    )


@pytest.fixture
def lead_membership(world: PartnershipWorld) -> Membership:
    lead = world.person("agency_lead")
    authenticator_for(lead)
    _replace_recovery_codes(lead)
    return lead.memberships.get()


def test_the_people_page_offers_a_reset_for_others_only(
    world: PartnershipWorld, client_as, lead_membership: Membership
) -> None:
    page = client_as("administrator").get(
        reverse("partnerships:people", kwargs={"partnership_slug": world.partnership.slug})
    )
    text = page.content.decode()
    assert reset_url(world, lead_membership) in text
    own = world.person("administrator").memberships.get()
    assert reset_url(world, own) not in text


def test_an_administrator_resets_a_members_second_factor(
    world: PartnershipWorld,
    client_as,
    lead_membership: Membership,
    django_capture_on_commit_callbacks,
) -> None:
    lead = lead_membership.user
    lead_session = Client()
    lead_session.force_login(lead)
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert lead_session.get(home).status_code == 200
    admin = client_as("administrator")

    confirm = admin.get(reset_url(world, lead_membership))
    assert confirm.status_code == 200
    assert f"Reset {lead.full_name}'s two-factor sign-in" in html.unescape(confirm.content.decode())
    assert TOTPDevice.objects.filter(user=lead).exists()  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post(reset_url(world, lead_membership))
    assert done["Location"] == reverse(
        "partnerships:people", kwargs={"partnership_slug": world.partnership.slug}
    )
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert not StaticDevice.objects.filter(user=lead).exists()
    assert not StaticToken.objects.filter(device__user=lead).exists()

    event = AuditEvent.objects.get(verb="two_factor.reset")
    assert event.actor == world.person("administrator")
    assert event.object_id == str(lead.pk)
    assert event.partnership_id == world.partnership.pk
    assert event.data == {"membership_id": lead_membership.pk, "devices_removed": 2}

    notice = mail.outbox[-1]
    assert notice.to == [lead.email]
    assert "reset your two-factor sign-in" in notice.body
    assert world.partnership.name in notice.body

    # Signed out everywhere; the next sign-in sets it up again.
    signed_out = lead_session.get(home)
    assert signed_out["Location"].startswith(reverse("accounts:sign-in"))
    again = Client()
    assert sign_in(again, lead.email)["Location"].startswith(SET_UP)
    # The administrator's own session goes on.
    assert admin.get(home).status_code == 200


@pytest.mark.parametrize("role", [r for r in ROLES if r != "administrator"])
def test_other_roles_of_the_partnership_may_not_reset(
    role: str, world: PartnershipWorld, client_as, lead_membership: Membership
) -> None:
    if role == "agency_lead":
        lead_membership = world.person("reviewer").memberships.get()
        authenticator_for(lead_membership.user)
    client = client_as(role)
    assert client.get(reset_url(world, lead_membership)).status_code == 403
    assert client.post(reset_url(world, lead_membership)).status_code == 403
    assert TOTPDevice.objects.filter(user=lead_membership.user).exists()
    assert not AuditEvent.objects.filter(verb="two_factor.reset").exists()


def test_another_partnerships_administrator_finds_nothing(
    world: PartnershipWorld, other_world: PartnershipWorld, lead_membership: Membership
) -> None:
    stranger = Client()
    stranger.force_login(other_world.person("administrator"))
    assert stranger.get(reset_url(world, lead_membership)).status_code == 404
    assert stranger.post(reset_url(world, lead_membership)).status_code == 404
    # Nor through their own partnership's address with this partnership's membership id.
    own_address = reverse(
        "partnerships:two-factor-reset",
        kwargs={
            "partnership_slug": other_world.partnership.slug,
            "membership_id": lead_membership.pk,
        },
    )
    assert stranger.post(own_address).status_code == 404
    assert TOTPDevice.objects.filter(user=lead_membership.user).exists()


def test_an_administrator_cannot_reset_their_own(world: PartnershipWorld, client_as) -> None:
    admin = world.person("administrator")
    own = admin.memberships.get()
    client = client_as("administrator")
    assert client.post(reset_url(world, own)).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_a_reset_needs_the_administrators_own_second_factor(
    world: PartnershipWorld, password_only, lead_membership: Membership
) -> None:
    authenticator_for(world.person("administrator"))
    response = password_only("administrator").post(reset_url(world, lead_membership))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert TOTPDevice.objects.filter(user=lead_membership.user).exists()
