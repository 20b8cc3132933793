"""Evidence the group cites in its rationale: library items and earlier local cases like this
one (CRIT-LOCAL (a): does the case point to new learning? (b): does it show recurring themes?)."""

from django.db import transaction

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.learning.models import LearningItem
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.models import Citation, RapidReview


def _require_open(rapid_review: RapidReview) -> None:
    if not workflow.review_allowed(rapid_review.state, "record_meeting"):
        raise DomainError("The recommendation has been decided: its evidence can no longer change.")


@transaction.atomic
def citation_add(
    *,
    rapid_review: RapidReview,
    by: User,
    learning_item: LearningItem | None = None,
    earlier_case: Case | None = None,
) -> Citation:
    _require_open(rapid_review)
    if (learning_item is None) == (earlier_case is None):
        raise DomainError("Cite one library item or one earlier case.")
    if learning_item is not None:
        if not LearningItem.objects.public().filter(pk=learning_item.pk).exists():
            raise DomainError("Only items published in the learning library can be cited.")
        year = f" ({learning_item.year})" if learning_item.year else ""
        label = f"{learning_item.title}{year}"
        found: dict[str, LearningItem | Case] = {"learning_item": learning_item}
    elif earlier_case is not None:
        if (
            earlier_case.partnership_id != rapid_review.case.partnership_id
            or earlier_case.pk == rapid_review.case_id
        ):
            raise DomainError("Only another case of this partnership can be cited.")
        label = f"{earlier_case.reference} ({earlier_case.pseudonym})"
        found = {"earlier_case": earlier_case}
    citation, created = Citation.objects.get_or_create(
        rapid_review=rapid_review, **found, defaults={"label": label, "cited_by": by}
    )
    if created:
        audit_record(
            by=by,
            verb="rapid_review.evidence_cited",
            obj=citation,
            partnership_id=rapid_review.case.partnership_id,
            data={
                "rapid_review": rapid_review.pk,
                "learning_item": getattr(learning_item, "pk", None),
                "earlier_case": getattr(earlier_case, "pk", None),
            },
        )
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, by: User) -> None:
    _require_open(citation.rapid_review)
    audit_record(
        by=by,
        verb="rapid_review.evidence_uncited",
        obj=citation,
        partnership_id=citation.rapid_review.case.partnership_id,
        data={"rapid_review": citation.rapid_review_id},
    )
    citation.delete()
