"""A case's statutory deadlines, worked out from its events through ``cspr.clock`` (never typed
in), each with its status for today."""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from cspr.cases.criteria import Answers, age_at, notifications_called_for
from cspr.cases.models import (
    NOTIFICATION_RULE,
    AdjustmentKind,
    Case,
    ChildIdentity,
    DeadlineAdjustment,
    NotificationKind,
)
from cspr.cases.workflow import CaseState
from cspr.clock.selectors import PartnershipClock
from cspr.statutory.calendar import add_working_days, working_days_between
from cspr.statutory.rules import RULES, Rule
from cspr.statutory.status import DeadlineState, DeadlineStatus, deadline_status

LABELS = {
    "NOTIFY-PANEL": "Notify the Panel",
    "NOTIFY-LAC-DEATH": "Notify the Secretary of State and Ofsted (looked-after child)",
    "NOTIFY-CARE-LEAVER-DEATH": "Notify the Secretary of State and Ofsted (care leaver)",
    "RAPID-REVIEW": "Send the Rapid Review to the Panel",
    "PANEL-RESPONSE": "The Panel's response (expected)",
    "SCOPING-RETURN": "Scoping return",
    "LLR-COMPLETE": "Complete the local learning review",
}

URGENCY = {
    DeadlineState.OVERDUE: 0,
    DeadlineState.DUE_SOON: 1,
    DeadlineState.DUE: 2,
    DeadlineState.MET_LATE: 3,
    DeadlineState.MET: 4,
}


@dataclass(frozen=True)
class CaseDeadline:
    """``due`` is the working date; ``statutory_due`` the date the rule gives, which differs
    only when the deadline was extended or paused (``adjustment``, with its reason)."""

    rule: Rule
    label: str
    clock_start: dt.date
    due: dt.date
    completed_on: dt.date | None
    status: DeadlineStatus
    statutory_due: dt.date
    adjustment: DeadlineAdjustment | None = None
    invitation_id: int | None = None

    @property
    def is_adjusted(self) -> bool:
        return self.due != self.statutory_due

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def tag_colour(self) -> str:
        return {
            DeadlineState.OVERDUE: "red",
            DeadlineState.DUE_SOON: "orange",
            DeadlineState.DUE: "blue",
            DeadlineState.MET_LATE: "yellow",
            DeadlineState.MET: "green",
        }[self.status.state]


def answers_of(case: Case, identity: ChildIdentity | None) -> Answers:
    age = None
    if identity is not None:
        age = age_at(identity.date_of_birth, identity.age_years, case.incident_date)
    return Answers(
        incident_kind=case.incident_kind,
        abuse_or_neglect=case.abuse_or_neglect,
        location=case.location,
        child_statuses=tuple(case.child_statuses),
        age_at_incident=age,
    )


def case_deadlines(
    case: Case, *, identity: ChildIdentity | None, clock: PartnershipClock, today: dt.date
) -> list[CaseDeadline]:
    """The deadlines the case's state and answers call for. Needs ``case.notifications``
    loaded (prefetched on lists)."""
    if case.state == CaseState.CLOSED:
        return []
    adjustments = latest_adjustments(case)
    if case.state == CaseState.LEARNING_REVIEW:
        assert case.triaged_on is not None  # noqa: S101 (the workflow sets it)
        return [
            _deadline(
                clock,
                "LLR-COMPLETE",
                case.triaged_on,
                None,
                today,
                adjustment=adjustments.get(("LLR-COMPLETE", None)),
            )
        ]
    sent = {n.kind: n.sent_on for n in case.notifications.all()}
    deadlines = []
    calls = notifications_called_for(answers_of(case, identity))
    for call in calls:
        rule_id = NOTIFICATION_RULE[call.kind]
        deadlines.append(
            _deadline(
                clock,
                rule_id,
                case.la_aware_date,
                sent.get(call.kind),
                today,
                adjustment=adjustments.get((rule_id, None)),
            )
        )
    if any(call.kind == NotificationKind.PANEL for call in calls):
        review = rapid_review_of(case)
        sent_to_panel = review.sent_to_panel_on if review else None
        deadlines.append(
            _deadline(
                clock,
                "RAPID-REVIEW",
                case.rapid_review_clock_start,
                sent_to_panel,
                today,
                adjustment=adjustments.get(("RAPID-REVIEW", None)),
            )
        )
        if review is not None:
            deadlines.extend(_review_deadlines(review, clock, today, adjustments))
    return deadlines


def rapid_review_of(case: Case) -> Any:
    try:
        return case.rapid_review
    except ObjectDoesNotExist:
        return None


def _review_deadlines(
    review: Any,
    clock: PartnershipClock,
    today: dt.date,
    adjustments: dict[tuple[str, int | None], DeadlineAdjustment],
) -> list[CaseDeadline]:
    """Each invited agency's SCOPING-RETURN, and PANEL-RESPONSE once the Panel has it. Needs
    ``review.invitations`` with agency and scoping return (prefetched on lists)."""
    found = []
    for invitation in review.invitations.all():
        deadline = _deadline(
            clock,
            "SCOPING-RETURN",
            invitation.invited_on,
            invitation.scoping_return.submitted_on,
            today,
            adjustment=adjustments.get(("SCOPING-RETURN", invitation.pk)),
            invitation_id=invitation.pk,
        )
        found.append(replace(deadline, label=f"Scoping return: {invitation.agency.name}"))
    if review.sent_to_panel_on:
        found.append(
            _deadline(
                clock, "PANEL-RESPONSE", review.sent_to_panel_on, review.panel_response_on, today
            )
        )
    return found


def adjusted_due(statutory_due: dt.date, adjustment: DeadlineAdjustment | None) -> dt.date:
    """The working date: extended to a new date, or moved on by the working days paused."""
    if adjustment is None:
        return statutory_due
    if adjustment.kind == AdjustmentKind.EXTENDED and adjustment.new_due is not None:
        return adjustment.new_due
    if adjustment.paused_from is not None and adjustment.resumed_on is not None:
        paused = working_days_between(adjustment.paused_from, adjustment.resumed_on)
        return add_working_days(statutory_due, paused)
    return statutory_due


def latest_adjustments(case: Case) -> dict[tuple[str, int | None], DeadlineAdjustment]:
    """The adjustment in force for each deadline. Needs ``case.deadline_adjustments``
    (prefetched on lists)."""
    found: dict[tuple[str, int | None], DeadlineAdjustment] = {}
    for adjustment in sorted(case.deadline_adjustments.all(), key=lambda a: (a.created_at, a.pk)):
        found[(adjustment.rule_id, adjustment.invitation_id)] = adjustment
    return found


def _deadline(
    clock: PartnershipClock,
    rule_id: str,
    start: dt.date,
    completed_on: dt.date | None,
    today: dt.date,
    *,
    adjustment: DeadlineAdjustment | None = None,
    invitation_id: int | None = None,
) -> CaseDeadline:
    statutory = clock.due(rule_id, start)
    due = adjusted_due(statutory, adjustment)
    return CaseDeadline(
        rule=RULES[rule_id],
        label=LABELS[rule_id],
        clock_start=start,
        due=due,
        completed_on=completed_on,
        status=deadline_status(due, completed_on=completed_on, today=today),
        statutory_due=statutory,
        adjustment=adjustment,
        invitation_id=invitation_id,
    )


def next_deadline(deadlines: list[CaseDeadline]) -> CaseDeadline | None:
    """The most urgent open deadline the partnership owns: overdue first, then the nearest.
    An expected date (PANEL-RESPONSE) is someone else's and never the next deadline."""
    open_ones = [d for d in deadlines if d.is_open and d.rule.enforced]
    if not open_ones:
        return None
    return min(open_ones, key=lambda d: (URGENCY[d.status.state], d.due))
