"""Writes about agencies and people. One function per action; each runs in one transaction
and writes its audit event."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.accounts.tasks import send_invitation
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.partnerships.models import Agency, Membership, Partnership, Role

AGENCY_FIELDS = ("name", "kind", "statutory_partner", "is_active")
MEMBERSHIP_FIELDS = ("role", "agency", "statutory_partner")


def _changed(instance: Any, values: dict[str, Any]) -> list[str]:
    return sorted(name for name, value in values.items() if getattr(instance, name) != value)


@transaction.atomic
def agency_create(*, partnership: Partnership, by: User, **values: Any) -> Agency:
    if Agency.objects.filter(partnership=partnership, name__iexact=values["name"]).exists():
        raise DomainError("This partnership already has an agency with that name.", field="name")
    agency = Agency.objects.create(partnership=partnership, **values)
    audit_record(by=by, verb="agency.created", obj=agency)
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, by: User, expected_version: int, **values: Any) -> Agency:
    duplicate = (
        Agency.objects.filter(partnership_id=agency.partnership_id, name__iexact=values["name"])
        .exclude(pk=agency.pk)
        .exists()
    )
    if duplicate:
        raise DomainError("This partnership already has an agency with that name.", field="name")
    changed = _changed(agency, values)
    for name, value in values.items():
        setattr(agency, name, value)
    save_versioned(agency, expected_version=expected_version, fields=list(values))
    audit_record(by=by, verb="agency.updated", obj=agency, data={"fields": changed})
    return agency


def _check_membership(
    *, partnership: Partnership, role: str, agency: Agency | None, statutory_partner: str
) -> None:
    if role == Role.AGENCY_LEAD and agency is None:
        raise DomainError("Choose the agency this agency lead represents.", field="agency")
    if agency is not None and agency.partnership_id != partnership.pk:
        raise DomainError("Choose an agency of this partnership.", field="agency")
    if role == Role.SAFEGUARDING_PARTNER and not statutory_partner:
        raise DomainError(
            "Choose which safeguarding partner this person represents.", field="statutory_partner"
        )


@transaction.atomic
def person_add(
    *,
    partnership: Partnership,
    by: User,
    email: str,
    full_name: str,
    job_title: str = "",
    role: str,
    agency: Agency | None = None,
    statutory_partner: str = "",
) -> Membership:
    """Give a person a role in the partnership, creating their account (and inviting them to
    set a password) if they do not have one yet."""
    if role != Role.SAFEGUARDING_PARTNER:
        statutory_partner = ""
    if role != Role.AGENCY_LEAD:
        agency = None
    _check_membership(
        partnership=partnership, role=role, agency=agency, statutory_partner=statutory_partner
    )
    user = User.objects.filter(email__iexact=email.strip()).first()
    is_new = user is None
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, job_title=job_title)
        audit_record(by=by, verb="user.created", obj=user, partnership_id=partnership.pk)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                partnership=partnership,
                role=role,
                agency=agency,
                statutory_partner=statutory_partner,
            )
    except IntegrityError as error:
        raise DomainError(
            "This person already has that role in this partnership.", field="role"
        ) from error
    audit_record(by=by, verb="membership.created", obj=membership, data={"role": role})
    if is_new:
        user_id = user.pk
        transaction.on_commit(lambda: send_invitation.enqueue(user_id=user_id))
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    by: User,
    expected_version: int,
    role: str,
    agency: Agency | None,
    statutory_partner: str,
) -> Membership:
    if role != Role.SAFEGUARDING_PARTNER:
        statutory_partner = ""
    if role != Role.AGENCY_LEAD:
        agency = None
    _check_membership(
        partnership=membership.partnership,
        role=role,
        agency=agency,
        statutory_partner=statutory_partner,
    )
    values = {"role": role, "agency": agency, "statutory_partner": statutory_partner}
    changed = _changed(membership, values)
    for name, value in values.items():
        setattr(membership, name, value)
    try:
        with transaction.atomic():
            save_versioned(membership, expected_version=expected_version, fields=list(values))
    except IntegrityError as error:
        raise DomainError(
            "This person already has that role in this partnership.", field="role"
        ) from error
    audit_record(by=by, verb="membership.updated", obj=membership, data={"fields": changed})
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: User) -> Membership:
    """End a role. The person keeps their account and any other roles."""
    if membership.ended_at is not None:
        raise DomainError("This role has already ended.")
    if membership.user_id == by.pk and membership.role == Role.ADMINISTRATOR:
        raise DomainError("You cannot end your own administrator role. Ask another administrator.")
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at", "updated_at"])
    audit_record(by=by, verb="membership.ended", obj=membership)
    return membership
