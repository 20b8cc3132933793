"""Adding, changing and deleting chronology entries one at a time. Each runs in one
transaction and writes its audit event (ids and field names only)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.chronology.duplicates import match_key
from cspr.chronology.models import ChronologyEntry, Significance
from cspr.chronology.selectors import addable_agencies
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.partnerships.models import Agency
from cspr.reviews.models import Review
from cspr.reviews.workflow import allowed

FIELDS = (
    "agency",
    "occurred_on",
    "occurred_at_time",
    "occurred_until",
    "source",
    "people_involved",
    "what_happened",
    "what_was_done",
    "significance",
)
TEXT_FIELDS = ("source", "people_involved", "what_happened", "what_was_done")
NOT_UNDER_WAY = "The chronology can be changed only while the review is under way."


def audit(by: User, verb: str, obj: Any, review: Review, **data: Any) -> None:
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=review.case.partnership_id,
        data={"review": review.pk, **data},
    )


def locked(review: Review) -> Review:
    """The review, locked for this transaction, and refused unless it is under way."""
    review = Review.objects.select_for_update(of=("self",)).select_related("case").get(pk=review.pk)
    if not allowed(review.state, "edit"):
        raise DomainError(NOT_UNDER_WAY)
    return review


def require_agency(review: Review, by: User, agency: Agency) -> None:
    if not addable_agencies(user=by, review=review).filter(pk=agency.pk).exists():
        raise DomainError("You can add entries for your own agency only.", field="agency")


def _cleaned(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a chronology entry: {sorted(unknown)}")
    values = {"occurred_at_time": None, "occurred_until": None, "what_was_done": "", **values}
    for name in TEXT_FIELDS:
        values[name] = (values[name] or "").strip()
    if values["occurred_on"] > timezone.localdate():
        raise DomainError("The date must be today or in the past.", field="occurred_on")
    until = values["occurred_until"]
    if until is not None and until < values["occurred_on"]:
        raise DomainError(
            "The end date must be the same as or after the date.", field="occurred_until"
        )
    if values["significance"] not in Significance.values:
        raise DomainError("Select how significant this is.", field="significance")
    for name, message in (
        ("source", "Enter the source, like GP record."),
        ("people_involved", "Enter who was involved."),
        ("what_happened", "Enter what happened."),
    ):
        if not values[name]:
            raise DomainError(message, field=name)
    return values


@transaction.atomic
def chronology_entry_add(*, review: Review, by: User, values: dict[str, Any]) -> ChronologyEntry:
    """One entry, for an agency the person may add entries for."""
    review = locked(review)
    values = _cleaned(values)
    require_agency(review, by, values["agency"])
    entry = ChronologyEntry.objects.create(
        review=review, added_by=by, match_key=match_key(values["what_happened"]), **values
    )
    audit(by, "chronology_entry.added", entry, review, agency=entry.agency_id)
    return entry


@transaction.atomic
def chronology_entry_update(
    *, entry: ChronologyEntry, by: User, values: dict[str, Any], expected_version: int
) -> ChronologyEntry:
    """Change an entry; refused (``StaleEdit``) if someone saved it after this person opened
    it."""
    review = locked(entry.review)
    values = _cleaned(values)
    require_agency(review, by, values["agency"])
    changed = sorted(name for name, value in values.items() if getattr(entry, name) != value)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.match_key = match_key(entry.what_happened)
    save_versioned(entry, expected_version=expected_version, fields=[*FIELDS, "match_key"])
    audit(by, "chronology_entry.updated", entry, review, fields=changed)
    return entry


@transaction.atomic
def chronology_entry_delete(*, entry: ChronologyEntry, by: User) -> None:
    review = locked(entry.review)
    audit(by, "chronology_entry.deleted", entry, review, agency=entry.agency_id)
    entry.delete()
