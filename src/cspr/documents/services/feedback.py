"""Quality feedback on a draft, from the safeguarding partners and the Panel: recorded point
by point, answered, and each point closed before the report is marked final."""

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.documents.models import DocumentVersion, FeedbackPoint, FeedbackSource
from cspr.documents.services._common import audit, locked
from cspr.reviews import workflow
from cspr.reviews.models import Review


@transaction.atomic
def feedback_add(
    *,
    review: Review,
    by: User,
    source: str,
    point: str,
    version: DocumentVersion | None = None,
) -> FeedbackPoint:
    review = locked(review)
    workflow.next_state(review.state, "edit")
    if source not in FeedbackSource.values:
        raise DomainError("Select who the feedback is from.", field="source")
    point = point.strip()
    if not point:
        raise DomainError("Enter the point of feedback.", field="point")
    if version is not None and version.document.review_id != review.pk:
        raise DomainError("Choose a version of this review's report.", field="version")
    item = FeedbackPoint.objects.create(
        review=review, report_version=version, source=source, point=point, raised_by=by
    )
    audit(by, "feedback_point.added", item, review, source=source)
    return item


@transaction.atomic
def feedback_respond(
    *, item: FeedbackPoint, by: User, response: str, expected_version: int | None = None
) -> FeedbackPoint:
    """Record (or change) how the report answers the point; refused (``StaleEdit``) if
    someone saved a response after this person opened the point."""
    review = locked(item.review)
    workflow.next_state(review.state, "edit")
    item = FeedbackPoint.objects.select_for_update().get(pk=item.pk)
    if not item.is_open:
        raise DomainError("This point is closed.")
    response = response.strip()
    if not response:
        raise DomainError("Enter the response to the point.", field="response")
    item.response = response
    item.responded_by = by
    save_versioned(
        item,
        expected_version=item.version if expected_version is None else expected_version,
        fields=["response", "responded_by"],
    )
    audit(by, "feedback_point.responded", item, review)
    return item


@transaction.atomic
def feedback_close(*, item: FeedbackPoint, by: User) -> FeedbackPoint:
    review = locked(item.review)
    workflow.next_state(review.state, "edit")
    item = FeedbackPoint.objects.select_for_update().get(pk=item.pk)
    if not item.is_open:
        raise DomainError("This point is already closed.")
    if not item.response:
        raise DomainError("Record the response to the point before closing it.")
    item.closed_on = timezone.localdate()
    item.closed_by = by
    item.save(update_fields=["closed_on", "closed_by", "updated_at"])
    audit(by, "feedback_point.closed", item, review)
    return item
