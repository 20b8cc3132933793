"""The REPORT-CONTENT checklist: where the final report covers each item."""

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError, StaleEdit
from cspr.documents.models import ReportChecklistItem
from cspr.documents.report_content import ITEMS
from cspr.documents.selectors import checklist_state
from cspr.documents.services._common import audit, locked
from cspr.reviews import workflow
from cspr.reviews.models import Review

MAX_POINTER = 300


@transaction.atomic
def checklist_record(
    *, review: Review, by: User, pointers: dict[str, str], expected_state: str | None = None
) -> Review:
    """Save where the report covers each item (for example "section 4, pages 12 to 15"); an
    empty pointer takes the item off the checklist again. Only while the review is under way:
    the checklist is part of what makes the report final. ``expected_state`` is the checklist
    the person started from (``selectors.checklist_state``): if it changed since, the save is
    refused (``StaleEdit``)."""
    review = locked(review)
    workflow.next_state(review.state, "edit")
    if expected_state is not None and checklist_state(review) != expected_state:
        raise StaleEdit(
            "Someone else saved the checklist after you opened it. Your changes have not been "
            "saved yet: compare them with what is saved now, then save again to keep yours."
        )
    unknown = set(pointers) - set(ITEMS)
    if unknown:
        raise DomainError("That is not an item of the report content checklist.")
    existing = {item.key: item for item in ReportChecklistItem.objects.filter(review=review)}
    today = timezone.localdate()
    changed, removed = [], []
    for key, text in pointers.items():
        pointer = " ".join(text.split())
        if len(pointer) > MAX_POINTER:
            raise DomainError(f"Say where in {MAX_POINTER} characters or fewer.", field=key)
        item = existing.get(key)
        if not pointer:
            if item is not None:
                item.delete()
                removed.append(key)
            continue
        if item is None:
            ReportChecklistItem.objects.create(
                review=review, key=key, where_in_report=pointer, completed_by=by, completed_on=today
            )
            changed.append(key)
        elif item.where_in_report != pointer:
            item.where_in_report = pointer
            item.completed_by = by
            item.completed_on = today
            item.save(
                update_fields=["where_in_report", "completed_by", "completed_on", "updated_at"]
            )
            changed.append(key)
    audit(by, "report_checklist.recorded", review, review, completed=changed, removed=removed)
    return review
