"""Reads for cases. Every read starts from ``Case.objects.visible_to(user)``."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cspr.cases.deadlines import (
    URGENCY,
    CaseDeadline,
    case_deadlines,
    next_deadline,
    rapid_review_of,
)
from cspr.cases.models import Case, ChildIdentity, Notification
from cspr.cases.workflow import OPEN_STATES, CaseState
from cspr.clock.selectors import partnership_clock
from cspr.partnerships.models import Partnership
from cspr.rapid_reviews.models import Invitation
from cspr.statutory.status import DeadlineState


@dataclass(frozen=True)
class CaseRow:
    case: Case
    deadlines: list[CaseDeadline]
    next: CaseDeadline | None


@dataclass(frozen=True)
class CaseFilters:
    stage: str = ""
    status: str = ""
    include_closed: bool = False


def _cases(user: Any, partnership: Partnership) -> QuerySet[Case]:
    return (
        Case.objects.visible_to(user)
        .filter(partnership=partnership)
        .select_related("identity", "referring_agency", "rapid_review")
        .prefetch_related(
            Prefetch("notifications", queryset=Notification.objects.order_by()),
            "deadline_adjustments",
            Prefetch(
                "rapid_review__invitations",
                queryset=Invitation.objects.select_related("agency", "scoping_return"),
            ),
        )
    )


def case_rows(
    *, user: Any, partnership: Partnership, filters: CaseFilters, today: dt.date
) -> list[CaseRow]:
    """The cases a person may see, each with its deadlines, most urgent first. Open cases are
    few (tens a year), so the deadlines are worked out for all of them and then sorted;
    the query count does not depend on how many there are."""
    cases = _cases(user, partnership)
    if filters.stage:
        cases = cases.filter(state=filters.stage)
    elif not filters.include_closed:
        cases = cases.filter(state__in=(*OPEN_STATES, CaseState.LEARNING_REVIEW))
    clock = partnership_clock(partnership=partnership)
    rows = []
    for case in cases:
        deadlines = case_deadlines(case, identity=_identity(case), clock=clock, today=today)
        rows.append(CaseRow(case=case, deadlines=deadlines, next=next_deadline(deadlines)))
    if filters.status:
        rows = [
            r for r in rows if r.next is not None and r.next.status.state.name == filters.status
        ]
    return sorted(rows, key=_urgency)


def _identity(case: Case) -> ChildIdentity | None:
    try:
        return case.identity
    except ChildIdentity.DoesNotExist:
        return None


def _urgency(row: CaseRow) -> tuple[int, dt.date, str]:
    if row.next is None:
        return (len(URGENCY) + 1, dt.date.max, row.case.reference)
    return (URGENCY[row.next.status.state], row.next.due, row.case.reference)


def case_for(*, user: Any, partnership: Partnership, reference: str) -> Case | None:
    return _cases(user, partnership).filter(reference=reference).first()


def case_row(case: Case, *, today: dt.date) -> CaseRow:
    clock = partnership_clock(partnership=case.partnership)
    deadlines = case_deadlines(case, identity=_identity(case), clock=clock, today=today)
    return CaseRow(case=case, deadlines=deadlines, next=next_deadline(deadlines))


@dataclass(frozen=True)
class TimelineEvent:
    on: dt.date
    what: str


def case_timeline(case: Case) -> list[TimelineEvent]:
    """What happened, in order, from the case's own dates."""
    events = [
        TimelineEvent(case.incident_date, f"Incident: {case.get_incident_kind_display().lower()}"),
        TimelineEvent(case.la_aware_date, "The local authority became aware"),
        TimelineEvent(timezone.localdate(case.created_at), "Referred to the partnership"),
    ]
    if case.partners_aware_date:
        events.append(TimelineEvent(case.partners_aware_date, "The partners became aware"))
    if case.triaged_on:
        events.append(
            TimelineEvent(
                case.triaged_on,
                f"Triaged: {case.get_state_display().lower()}"
                if case.state in (CaseState.CLOSED, CaseState.LEARNING_REVIEW)
                else "Triaged: notification needed",
            )
        )
    events.extend(
        TimelineEvent(n.sent_on, f"{n.get_kind_display()} sent") for n in case.notifications.all()
    )
    events.extend(
        TimelineEvent(
            timezone.localdate(a.created_at),
            f"{a.rule_id} {a.get_kind_display().lower()}: {a.reason}",
        )
        for a in case.deadline_adjustments.all()
    )
    review = rapid_review_of(case)
    if review is not None:
        events.extend(_review_events(review))
    return sorted(events, key=lambda e: e.on)


def _review_events(review: Any) -> list[TimelineEvent]:
    events = [TimelineEvent(review.started_on, "Rapid Review started")]
    for invitation in review.invitations.all():
        events.append(
            TimelineEvent(
                invitation.invited_on, f"{invitation.agency.name} asked for its scoping return"
            )
        )
        if invitation.scoping_return.submitted_on:
            events.append(
                TimelineEvent(
                    invitation.scoping_return.submitted_on,
                    f"{invitation.agency.name}'s scoping return received",
                )
            )
    dated = [
        (review.meeting_date, "Rapid Review meeting"),
        (review.decided_on, "Outcome confirmed by every safeguarding partner"),
        (review.sent_to_panel_on, "Rapid Review sent to the Panel"),
        (review.panel_response_on, "The Panel responded"),
    ]
    events.extend(TimelineEvent(on, what) for on, what in dated if on)
    return events


STATUS_CHOICES = [(state.name, state.label) for state in DeadlineState if state in URGENCY]
