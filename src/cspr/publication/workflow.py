"""When publication can be prepared. The review's own states and the "publish" and
"decide_not_to_publish" transitions are in ``cspr.reviews.workflow``; this adds the stretch in
which the plan, the copies and delays may be recorded."""

from cspr.core.errors import DomainError
from cspr.reviews.models import Review
from cspr.reviews.workflow import ReviewState

# From the final report until the partners' decision is recorded (published or not).
PLANNING_STATES = (ReviewState.REPORT_FINAL, ReviewState.READY_TO_PUBLISH)


def can_plan(review: Review) -> bool:
    return review.state in PLANNING_STATES


def require_planning(review: Review) -> None:
    if not can_plan(review):
        raise DomainError(
            "Publication is prepared from when the report is final until the decision to "
            "publish or not is recorded."
        )
