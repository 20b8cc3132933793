"""Reads for Rapid Reviews. Due dates come from ``cspr.clock`` only."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from cspr.cases.deadlines import adjusted_due
from cspr.cases.models import Case
from cspr.clock.selectors import PartnershipClock, partnership_clock
from cspr.partnerships.models import Partnership, Role
from cspr.partnerships.selectors import memberships_of
from cspr.rapid_reviews.models import Invitation, PartnerDecision, RapidReview
from cspr.rapid_reviews.workflow import ReturnState, ReviewState
from cspr.statutory.calendar import subtract_working_days
from cspr.statutory.status import DeadlineStatus, deadline_status

REMINDER_WORKING_DAYS_BEFORE = 2
OPEN_REVIEW_STATES = (ReviewState.GATHERING, ReviewState.RECOMMENDED)


def scoping_return_due(invitation: Invitation, clock: PartnershipClock | None = None) -> dt.date:
    """The working due date of an agency's return: SCOPING-RETURN from the invitation, as
    extended or paused (needs ``invitation.deadline_adjustments``, prefetched on lists)."""
    if clock is None:
        clock = partnership_clock(partnership=invitation.rapid_review.case.partnership)
    adjustments = [
        a for a in invitation.deadline_adjustments.all() if a.rule_id == "SCOPING-RETURN"
    ]
    latest = max(adjustments, key=lambda a: (a.created_at, a.pk)) if adjustments else None
    return adjusted_due(clock.due("SCOPING-RETURN", invitation.invited_on), latest)


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    due: dt.date
    status: DeadlineStatus

    @property
    def scoping_return(self) -> Any:
        return self.invitation.scoping_return


def review_with_everything(case: Case) -> RapidReview | None:
    """The case's Rapid Review with what its page shows, in a fixed number of queries."""
    return (
        RapidReview.objects.filter(case=case)
        .select_related("case__partnership")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related(
                    "agency", "scoping_return"
                ).prefetch_related("deadline_adjustments"),
            ),
            "immediate_actions__owner_agency",
            Prefetch(
                "partner_decisions", queryset=PartnerDecision.objects.select_related("decided_by")
            ),
        )
        .first()
    )


def invitation_rows(rapid_review: RapidReview, *, today: dt.date) -> list[InvitationRow]:
    clock = partnership_clock(partnership=rapid_review.case.partnership)
    rows = []
    for invitation in rapid_review.invitations.all():
        due = scoping_return_due(invitation, clock)
        done = invitation.scoping_return.submitted_on
        rows.append(
            InvitationRow(invitation, due, deadline_status(due, completed_on=done, today=today))
        )
    return rows


def current_decisions(rapid_review: RapidReview) -> list[PartnerDecision]:
    return [
        d for d in rapid_review.partner_decisions.all() if d.round == rapid_review.decision_round
    ]


def reminders_due(on: dt.date) -> list[tuple[Invitation, str]]:
    """Invitations whose scoping return is still open and which are owed a reminder today:
    two working days before SCOPING-RETURN ("before") or on the day ("on_day")."""
    invitations = (
        Invitation.objects.filter(
            rapid_review__state__in=OPEN_REVIEW_STATES,
            scoping_return__state__in=(ReturnState.DRAFT, ReturnState.RETURNED),
        )
        .select_related("rapid_review__case__partnership", "agency")
        .prefetch_related("deadline_adjustments")
    )
    clocks: dict[int, PartnershipClock] = {}
    due_now = []
    for invitation in invitations:
        partnership = invitation.rapid_review.case.partnership
        clock = clocks.setdefault(partnership.pk, partnership_clock(partnership=partnership))
        due = scoping_return_due(invitation, clock)
        before = subtract_working_days(due, REMINDER_WORKING_DAYS_BEFORE)
        if due == on and invitation.reminded_on_day_on is None:
            due_now.append((invitation, "on_day"))
        elif before == on and invitation.reminded_before_on is None:
            due_now.append((invitation, "before"))
    return due_now


def agency_obligations(
    *, user: Any, partnership: Partnership, today: dt.date
) -> list[InvitationRow]:
    """What the user's agencies owe in this partnership, and when: open scoping returns."""
    agencies = [
        m.agency_id
        for m in memberships_of(user)
        if m.role == Role.AGENCY_LEAD
        and m.partnership_id == partnership.pk
        and m.agency_id is not None
    ]
    invitations: QuerySet[Invitation] = (
        Invitation.objects.filter(
            agency_id__in=agencies,
            rapid_review__case__partnership=partnership,
            rapid_review__state__in=OPEN_REVIEW_STATES,
            scoping_return__state__in=(ReturnState.DRAFT, ReturnState.RETURNED),
        )
        .select_related("agency", "scoping_return", "rapid_review__case")
        .prefetch_related("deadline_adjustments")
    )
    clock = partnership_clock(partnership=partnership)
    rows = [
        InvitationRow(inv, due, deadline_status(due, today=today))
        for inv in invitations
        for due in [scoping_return_due(inv, clock)]
    ]
    return sorted(rows, key=lambda r: r.due)


def returns_for_user(case: Case, user: Any) -> list[Invitation]:
    """The invitations of this case's Rapid Review for the agencies the user leads."""
    agencies = [
        m.agency_id for m in memberships_of(user) if m.role == Role.AGENCY_LEAD and m.agency_id
    ]
    if not agencies:
        return []
    return list(
        Invitation.objects.filter(rapid_review__case=case, agency_id__in=agencies).select_related(
            "agency", "scoping_return"
        )
    )
