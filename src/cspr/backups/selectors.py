"""Reads for retention: which of a partnership's cases are closed, since when, and from when
they may be deleted.

What "closed" means (``cases/workflow.py``, ``reviews/workflow.py``, ``actions/workflow.py``):

* a case closed without a review (state ``closed``: closed at triage or after notification):
  closed on the day of its last change, which for a closed case is its closing;
* a case whose Rapid Review decided on no review in CSPR (no further review, a single-agency
  review or a multi-agency audit): closed on the decision date;
* a case whose review is published (or whose improvements information is, when the partners
  decided not to publish): closed on the publication date;

and in every one of them, when the case has an action plan, the plan must be closed, and the
case is closed on the later of the two dates. While the action plans app is installed, a
published review needs its closed plan. A case in any other state (referred, in its Rapid
Review, under review, a local learning review) is open and never deleted.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from cspr.backups.models import CaseDeletion, RetentionPolicy
from cspr.cases.models import Case
from cspr.cases.workflow import CaseState
from cspr.partnerships.models import Partnership
from cspr.rapid_reviews.criteria import Outcome
from cspr.reviews.workflow import ReviewState
from cspr.statutory.months import add_years

NO_REVIEW_OUTCOMES = frozenset(
    {Outcome.NO_FURTHER_REVIEW, Outcome.SINGLE_AGENCY_REVIEW, Outcome.MULTI_AGENCY_AUDIT}
)
ENDED_REVIEW_STATES = frozenset({ReviewState.PUBLISHED, ReviewState.NOT_PUBLISHED})
PLAN_CLOSED = "closed"


class HowClosed:
    WITHOUT_REVIEW = "Closed without a review"
    NO_REVIEW_DECIDED = "No review after the Rapid Review"
    REVIEW_PUBLISHED = "Review published"


@dataclass(frozen=True)
class ClosedCase:
    case_id: int
    reference: str
    closed_on: dt.date
    how: str
    delete_from: dt.date | None  # None while the partnership keeps closed cases indefinitely

    def is_expired(self, today: dt.date) -> bool:
        return self.delete_from is not None and self.delete_from <= today


def action_plans_installed() -> bool:
    return apps.is_installed("cspr.actions")


def policy_of(partnership: Partnership) -> RetentionPolicy | None:
    return RetentionPolicy.objects.filter(partnership=partnership).first()


def _candidates(partnership: Partnership) -> QuerySet[Case, dict[str, Any]]:
    fields = [
        "pk",
        "reference",
        "state",
        "updated_at",
        "rapid_review__recommended_outcome",
        "rapid_review__decided_on",
        "review__state",
        "review__published_report__published_on",
    ]
    if action_plans_installed():
        fields += ["action_plan__state", "action_plan__closed_on"]
    return (
        Case.objects.filter(
            partnership=partnership,
            state__in=[CaseState.CLOSED, CaseState.DECIDED, CaseState.UNDER_REVIEW],
        )
        .exclude(pk__in=CaseDeletion.objects.values("case_id"))
        .values(*fields)
    )


def _closed_on(row: dict[str, Any]) -> tuple[dt.date, str] | None:
    plans = action_plans_installed()
    plan_state = row.get("action_plan__state")
    if plan_state is not None and plan_state != PLAN_CLOSED:
        return None
    state = row["state"]
    if state == CaseState.CLOSED:
        closed, how = timezone.localdate(row["updated_at"]), HowClosed.WITHOUT_REVIEW
    elif (
        state == CaseState.DECIDED
        and row["rapid_review__recommended_outcome"] in NO_REVIEW_OUTCOMES
        and row["rapid_review__decided_on"] is not None
    ):
        closed, how = row["rapid_review__decided_on"], HowClosed.NO_REVIEW_DECIDED
    elif (
        state == CaseState.UNDER_REVIEW
        and row["review__state"] in ENDED_REVIEW_STATES
        and row["review__published_report__published_on"] is not None
        and (plan_state == PLAN_CLOSED or not plans)
    ):
        closed, how = row["review__published_report__published_on"], HowClosed.REVIEW_PUBLISHED
    else:
        return None
    plan_closed = row.get("action_plan__closed_on")
    return (max(closed, plan_closed) if plan_closed else closed), how


def _closed(rows: QuerySet[Case, dict[str, Any]], years: int | None) -> list[ClosedCase]:
    found = []
    for row in rows:
        closed = _closed_on(row)
        if closed is None:
            continue
        closed_on, how = closed
        found.append(
            ClosedCase(
                case_id=row["pk"],
                reference=row["reference"],
                closed_on=closed_on,
                how=how,
                delete_from=add_years(closed_on, years) if years else None,
            )
        )
    return sorted(found, key=lambda c: (c.closed_on, c.reference))


def closed_cases(*, partnership: Partnership, years: int | None) -> list[ClosedCase]:
    """The partnership's closed cases not yet deleted, longest closed first (one query)."""
    return _closed(_candidates(partnership), years)


def expired_cases(*, partnership: Partnership, today: dt.date) -> list[ClosedCase]:
    """The closed cases whose retention period has run out; none without a policy."""
    policy = policy_of(partnership)
    if policy is None:
        return []
    return [
        case
        for case in closed_cases(partnership=partnership, years=policy.years)
        if case.is_expired(today)
    ]


def closed_case(case: Case, *, years: int | None) -> ClosedCase | None:
    """One case, if it is closed (and not yet deleted)."""
    found = _closed(_candidates(case.partnership).filter(pk=case.pk), years)
    return found[0] if found else None


def deletions(*, partnership: Partnership) -> QuerySet[CaseDeletion]:
    return CaseDeletion.objects.filter(partnership=partnership)
