from typing import Any

from django.db.models import Model

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.reviews.models import Review


def audit(by: User, verb: str, obj: Model, review: Review, **data: Any) -> None:
    """An event with ids and counts only: never a document's text, a comment or a term."""
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=review.case.partnership_id,
        data={"review": review.pk, **data},
    )


def locked(review: Review) -> Review:
    """Re-read the review under a row lock, so the workflow guard sees its latest state."""
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
