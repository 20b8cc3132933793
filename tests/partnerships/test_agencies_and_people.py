"""Administrators manage agencies and people through the product's own pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError, StaleEdit
from cspr.partnerships import services
from cspr.partnerships.models import Agency, AgencyKind, Membership, Role
from tests.conftest import PartnershipWorld


def checked_values(page: str, name: str) -> list[str]:
    tags = re.findall(r"<input[^>]*>", page, flags=re.S)
    chosen = [t for t in tags if f'name="{name}"' in t and "checked" in t]
    return [re.search(r'value="([^"]*)"', t).group(1) for t in chosen]


def url(world: PartnershipWorld, name: str, **kwargs: object) -> str:
    return reverse(name, kwargs={"partnership_slug": world.partnership.slug, **kwargs})


def test_an_administrator_adds_an_agency(world: PartnershipWorld, client_as) -> None:
    response = client_as("administrator").post(
        url(world, "partnerships:agency-add"),
        {"name": "Northshire Youth Club", "kind": AgencyKind.VOLUNTARY_SECTOR, "is_active": "on"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Northshire Youth Club")
    assert agency.partnership == world.partnership
    assert AuditEvent.objects.filter(verb="agency.created", object_id=str(agency.pk)).exists()


def test_a_form_error_keeps_what_the_user_typed(world: PartnershipWorld, client_as) -> None:
    """The GOV.UK error summary links to the field, and nothing typed is lost."""
    page = (
        client_as("administrator")
        .post(
            url(world, "partnerships:agency-add"),
            {"name": "Typed with care", "kind": "", "statutory_partner": "police"},
        )
        .content.decode()
    )
    assert "govuk-error-summary" in page
    assert 'href="#id_kind' in page
    assert "Select the kind of agency" in page
    assert 'value="Typed with care"' in page
    assert checked_values(page, "statutory_partner") == ["police"]
    assert not Agency.objects.filter(name="Typed with care").exists()


def test_a_duplicate_agency_name_is_refused_with_a_clear_message(
    world: PartnershipWorld, client_as
) -> None:
    existing = world.partnership.agencies.first()
    page = (
        client_as("administrator")
        .post(
            url(world, "partnerships:agency-add"),
            {"name": existing.name.upper(), "kind": AgencyKind.POLICE},
        )
        .content.decode()
    )
    assert "already has an agency with that name" in page


def test_two_people_editing_one_agency_do_not_overwrite_each_other(
    world: PartnershipWorld, client_as
) -> None:
    agency = world.partnership.agencies.first()
    edit = url(world, "partnerships:agency-edit", agency_id=agency.pk)
    form = {"kind": AgencyKind.SCHOOL_OR_COLLEGE, "is_active": "on", "version": agency.version}
    admin = client_as("administrator")
    assert admin.post(edit, {**form, "name": "First save"}).status_code == 302
    second = admin.post(edit, {**form, "name": "Second save"})
    assert second.status_code == 200
    assert "Someone else saved this record" in second.content.decode()
    assert 'value="Second save"' in second.content.decode()
    agency.refresh_from_db()
    assert agency.name == "First save"


def test_save_versioned_refuses_a_stale_version(world: PartnershipWorld) -> None:
    agency = world.partnership.agencies.first()
    admin = world.person("administrator")
    values = {"name": "A", "kind": agency.kind, "statutory_partner": "", "is_active": True}
    services.agency_update(agency=agency, by=admin, expected_version=1, **values)
    with pytest.raises(StaleEdit):
        services.agency_update(agency=agency, by=admin, expected_version=1, **values)


def test_adding_a_new_person_creates_their_account_and_invites_them(
    world: PartnershipWorld, client_as, django_capture_on_commit_callbacks
) -> None:
    agency = world.partnership.agencies.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("administrator").post(
            url(world, "partnerships:person-add"),
            {
                "full_name": "Dee Newman",
                "email": "Dee.Newman@Example.org",
                "role": Role.AGENCY_LEAD,
                "agency": agency.pk,
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="dee.newman@example.org")
    assert membership.agency == agency
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_an_agency_lead_needs_an_agency(world: PartnershipWorld, client_as) -> None:
    page = (
        client_as("administrator")
        .post(
            url(world, "partnerships:person-add"),
            {"full_name": "No Agency", "email": "no.agency@example.org", "role": Role.AGENCY_LEAD},
        )
        .content.decode()
    )
    assert "Choose the agency this agency lead represents" in page
    assert 'value="No Agency"' in page


def test_a_person_can_hold_several_roles_but_not_the_same_one_twice(
    world: PartnershipWorld,
) -> None:
    admin = world.person("administrator")
    reviewer = world.person("reviewer")
    services.person_add(
        partnership=world.partnership,
        by=admin,
        email=reviewer.email,
        full_name=reviewer.full_name,
        role=Role.INDEPENDENT_SCRUTINEER,
    )
    assert reviewer.memberships.count() == 2
    with pytest.raises(DomainError, match="already has that role"):
        services.person_add(
            partnership=world.partnership,
            by=admin,
            email=reviewer.email,
            full_name=reviewer.full_name,
            role=Role.REVIEWER,
        )


def test_ending_a_role_removes_access_at_once(world: PartnershipWorld, client_as) -> None:
    reviewer = world.person("reviewer")
    membership = reviewer.memberships.get()
    client = client_as("reviewer")
    home = url(world, "partnerships:home")
    assert client.get(home).status_code == 200
    end = url(world, "partnerships:membership-end", membership_id=membership.pk)
    confirm = client_as("administrator").get(end)
    assert "End role" in confirm.content.decode()
    assert client_as("administrator").post(end).status_code == 302
    assert client.get(home).status_code == 404
    assert AuditEvent.objects.filter(verb="membership.ended").exists()


def test_an_administrator_cannot_end_their_own_administrator_role(
    world: PartnershipWorld, client_as
) -> None:
    admin = world.person("administrator")
    end = url(world, "partnerships:membership-end", membership_id=admin.memberships.get().pk)
    response = client_as("administrator").post(end)
    assert response.status_code == 400
    assert "cannot end your own administrator role" in response.content.decode()
