"""Reads for reviews. Due dates come from ``cspr.clock`` only."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from cspr.clock.selectors import PartnershipClock, partnership_clock
from cspr.partnerships.models import Partnership
from cspr.reviews.models import Review, ReviewerRequest, TermsOfReference
from cspr.reviews.workflow import ReviewState
from cspr.statutory.status import DeadlineStatus, deadline_status


@dataclass(frozen=True)
class ReviewProgress:
    review: Review
    due: dt.date | None
    status: DeadlineStatus | None
    open_requests: int


def review_due(review: Review, clock: PartnershipClock | None = None) -> dt.date | None:
    """CSPR-COMPLETE or LLR-COMPLETE from the decision; None for a national review."""
    rule_id = review.completion_rule
    if rule_id is None:
        return None
    clock = clock or partnership_clock(partnership=review.case.partnership)
    return clock.due(rule_id, review.decided_on)


def progress(
    review: Review, *, today: dt.date, clock: PartnershipClock | None = None
) -> ReviewProgress:
    due = review_due(review, clock)
    status = deadline_status(due, completed_on=review.completed_on, today=today) if due else None
    open_requests = sum(1 for r in review.requests.all() if r.fulfilled_on is None)
    return ReviewProgress(review=review, due=due, status=status, open_requests=open_requests)


def review_with_everything(review: Review) -> Review:
    return (
        Review.objects.filter(pk=review.pk)
        .select_related("case__partnership")
        .prefetch_related(
            "commissions__reviewer",
            Prefetch(
                "terms",
                queryset=TermsOfReference.objects.prefetch_related(
                    "approvals__approved_by", "agencies_in_scope"
                ),
            ),
            "participants__agency",
            Prefetch("requests", queryset=ReviewerRequest.objects.order_by("requested_on")),
        )
        .get()
    )


def monitoring_rows(*, user: Any, partnership: Partnership, today: dt.date) -> list[ReviewProgress]:
    """The partners' view: every open review's progress against its due date, most pressing
    first; a constant number of queries."""
    reviews = (
        Review.objects.filter(case__in=partnership.cases.all())
        .filter(case__in=_visible_cases(user))
        .exclude(state__in=(ReviewState.PUBLISHED, ReviewState.NOT_PUBLISHED))
        .select_related("case")
        .prefetch_related("requests")
    )
    clock = partnership_clock(partnership=partnership)
    rows = [progress(r, today=today, clock=clock) for r in reviews]
    return sorted(rows, key=lambda r: (r.due or dt.date.max, r.review.case.reference))


def _visible_cases(user: Any) -> Any:
    from cspr.cases.models import Case  # noqa: PLC0415 (cases depends on reviews for scope)

    return Case.objects.visible_to(user).values("pk")


def review_of(case: Any) -> Review | None:
    try:
        review: Review = case.review
    except Review.DoesNotExist:
        return None
    return review
