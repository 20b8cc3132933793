"""Scoping returns: drafts, submission (which locks them), and returning them for changes."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.models import KeyContact, ScopingReturn
from cspr.rapid_reviews.tasks import tell_agency_return_sent_back

RETURN_FIELDS = (
    "author_name",
    "author_role",
    "safeguarding_lead",
    "signed_off",
    "known_to_agency",
    "involvement_period",
    "involvement",
    "strengths",
    "concerns",
    "actions_taken",
    "learning",
    "criteria_view",
    "criteria_comment",
    "records_secured",
)

# What a submitted return must have, with the message if it does not.
REQUIRED_TO_SUBMIT = {
    "author_name": "Enter the name of the person who wrote the return",
    "author_role": "Enter the author's role",
    "safeguarding_lead": "Enter the name of the safeguarding lead who signed the return off",
    "known_to_agency": "Say whether the child or family were known to the agency",
    "criteria_view": "Give the agency's view on whether the criteria for a review are met",
    "records_secured": "Say whether the agency's records have been secured",
}


def _audit(by: User, verb: str, scoping_return: ScopingReturn, **data: Any) -> None:
    invitation = scoping_return.invitation
    audit_record(
        by=by,
        verb=verb,
        obj=scoping_return,
        partnership_id=invitation.agency.partnership_id,
        data={"agency": invitation.agency_id, **data},
    )


def _locked(scoping_return: ScopingReturn) -> ScopingReturn:
    return (
        ScopingReturn.objects.select_for_update()
        .select_related("invitation__agency", "invitation__rapid_review")
        .get(pk=scoping_return.pk)
    )


@transaction.atomic
def scoping_return_save(
    *, scoping_return: ScopingReturn, by: User, values: dict[str, Any], expected_version: int
) -> ScopingReturn:
    """Save a draft. Nothing is checked for completeness until it is submitted."""
    scoping_return = _locked(scoping_return)
    workflow.return_next(scoping_return.state, "save_draft")
    changed = sorted(k for k in RETURN_FIELDS if getattr(scoping_return, k) != values.get(k))
    for name in RETURN_FIELDS:
        setattr(scoping_return, name, values[name])
    save_versioned(scoping_return, expected_version=expected_version, fields=list(RETURN_FIELDS))
    _audit(by, "scoping_return.updated", scoping_return, fields=changed)
    return scoping_return


@transaction.atomic
def scoping_return_submit(
    *, scoping_return: ScopingReturn, by: User, values: dict[str, Any], expected_version: int
) -> ScopingReturn:
    """Submit the return (SCOPING-RETURN is met on this date); it is then locked."""
    scoping_return = scoping_return_save(
        scoping_return=scoping_return, by=by, values=values, expected_version=expected_version
    )
    workflow.return_next(scoping_return.state, "submit")
    for name, message in REQUIRED_TO_SUBMIT.items():
        if not getattr(scoping_return, name):
            raise DomainError(message, field=name)
    if not scoping_return.signed_off:
        raise DomainError(
            "The safeguarding lead must sign the return off before it is sent", field="signed_off"
        )
    scoping_return.state = workflow.return_next(scoping_return.state, "submit")
    scoping_return.submitted_on = timezone.localdate()
    scoping_return.submitted_by = by
    scoping_return.returned_reason = ""
    scoping_return.version += 1
    scoping_return.save(
        update_fields=[
            "state",
            "submitted_on",
            "submitted_by",
            "returned_reason",
            "version",
            "updated_at",
        ]
    )
    _audit(by, "scoping_return.submitted", scoping_return)
    return scoping_return


@transaction.atomic
def scoping_return_send_back(
    *, scoping_return: ScopingReturn, by: User, reason: str
) -> ScopingReturn:
    """The business unit returns a submitted return for changes, saying what is needed."""
    scoping_return = _locked(scoping_return)
    if not reason.strip():
        raise DomainError("Enter what the agency needs to change", field="reason")
    scoping_return.state = workflow.return_next(scoping_return.state, "send_back")
    scoping_return.returned_reason = reason.strip()
    scoping_return.submitted_on = None
    scoping_return.version += 1
    scoping_return.save(
        update_fields=["state", "returned_reason", "submitted_on", "version", "updated_at"]
    )
    _audit(by, "scoping_return.sent_back", scoping_return)
    return_id = scoping_return.pk
    transaction.on_commit(lambda: tell_agency_return_sent_back.enqueue(scoping_return_id=return_id))
    return scoping_return


@transaction.atomic
def key_contact_add(
    *, scoping_return: ScopingReturn, by: User, values: dict[str, Any]
) -> KeyContact:
    scoping_return = _locked(scoping_return)
    workflow.return_next(scoping_return.state, "save_draft")
    if values["contact_date"] > timezone.localdate():
        raise DomainError(
            "The date of the contact must be today or in the past", field="contact_date"
        )
    contact = KeyContact.objects.create(scoping_return=scoping_return, **values)
    _audit(by, "key_contact.added", scoping_return, key_contact=contact.pk)
    return contact


@transaction.atomic
def key_contact_remove(*, contact: KeyContact, by: User) -> None:
    scoping_return = _locked(contact.scoping_return)
    workflow.return_next(scoping_return.state, "save_draft")
    _audit(by, "key_contact.removed", scoping_return, key_contact=contact.pk)
    contact.delete()
