"""Extending or pausing a deadline: always with a recorded reason, audited; the statutory date
stays visible beside the working one (DESIGN.md: deadlines are derived, never typed in; an
override is allowed only with a reason)."""

import datetime as dt

from django.db import transaction

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases.deadlines import CaseDeadline
from cspr.cases.models import AdjustmentKind, Case, DeadlineAdjustment
from cspr.core.errors import DomainError

ADJUSTABLE_RULES = (
    "NOTIFY-PANEL",
    "NOTIFY-LAC-DEATH",
    "NOTIFY-CARE-LEAVER-DEATH",
    "SCOPING-RETURN",
    "RAPID-REVIEW",
    "LLR-COMPLETE",
)


@transaction.atomic
def deadline_adjust(
    *,
    case: Case,
    deadline: CaseDeadline,
    by: User,
    kind: str,
    reason: str,
    new_due: dt.date | None = None,
    paused_from: dt.date | None = None,
    resumed_on: dt.date | None = None,
) -> DeadlineAdjustment:
    if deadline.rule.id not in ADJUSTABLE_RULES:
        raise DomainError(f"{deadline.rule.id} cannot be extended or paused here.")
    if deadline.completed_on is not None:
        raise DomainError("This deadline has been met; there is nothing to extend.")
    if not reason.strip():
        raise DomainError("Enter the reason for the change", field="reason")
    if kind == AdjustmentKind.EXTENDED:
        if new_due is None:
            raise DomainError("Enter the new date", field="new_due")
        if new_due <= deadline.statutory_due:
            raise DomainError(
                "The new date must be after the statutory date, "
                f"{deadline.statutory_due:%-d %B %Y}",
                field="new_due",
            )
        paused_from = resumed_on = None
    elif kind == AdjustmentKind.PAUSED:
        if paused_from is None or resumed_on is None:
            raise DomainError(
                "Enter the dates the clock was paused from and restarted on", field="paused_from"
            )
        if resumed_on < paused_from:
            raise DomainError(
                "The restart date must be on or after the pause date", field="resumed_on"
            )
        new_due = None
    else:
        raise DomainError("Select whether to extend or pause the deadline", field="kind")
    adjustment = DeadlineAdjustment.objects.create(
        case=case,
        rule_id=deadline.rule.id,
        invitation_id=deadline.invitation_id,
        kind=kind,
        new_due=new_due,
        paused_from=paused_from,
        resumed_on=resumed_on,
        reason=reason.strip(),
        adjusted_by=by,
    )
    audit_record(
        by=by,
        verb=f"deadline.{kind}",
        obj=adjustment,
        partnership_id=case.partnership_id,
        data={"case": case.pk, "rule": deadline.rule.id},
    )
    return adjustment
