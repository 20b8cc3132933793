"""What every publication service shares: the audit event and the locked review."""

from typing import Any

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.reviews.models import Review


def audit(by: User, verb: str, obj: Any, review: Review, **data: Any) -> None:
    """Ids and field names only, never what was typed."""
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=review.case.partnership_id,
        data={"review": review.pk, **data},
    )


def locked(review: Review) -> Review:
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
