"""Writes for differences of opinion (DISPUTE): raising one, and closing its current stage with
the stage's date and outcome, then resolving it or escalating it to the next stage. One function
per action, each in one transaction, checked against the workflow table, audited, and with its
e-mails sent after commit."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases.models import Case
from cspr.core.errors import DomainError, StaleEdit
from cspr.disputes import workflow
from cspr.disputes.models import Dispute, DisputeStage, DisputeSubject
from cspr.disputes.tasks import tell_business_unit_of_dispute, tell_of_escalation
from cspr.disputes.workflow import NOT_RAISED, DisputeState
from cspr.partnerships.models import Agency, Role
from cspr.partnerships.selectors import agencies_led_by, roles_in

# Roles that may raise a dispute without representing one agency.
SPEAKS_FOR_THE_PARTNERSHIP = {Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}


def _check_agency(*, case: Case, by: User, agency: Agency | None) -> None:
    if agency is not None and agency.partnership_id != case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="agency")
    if roles_in(by, case.partnership) & SPEAKS_FOR_THE_PARTNERSHIP:
        return
    led = {a.pk for a in agencies_led_by(by, case.partnership)}
    if agency is None or agency.pk not in led:
        raise DomainError("Choose the agency you represent.", field="agency")


@transaction.atomic
def dispute_raise(
    *, case: Case, by: User, agency: Agency | None, subject: str, summary: str
) -> Dispute:
    """Raise a difference of opinion on a case (DISPUTE). Its first stage, a discussion with the
    partners' representatives, starts today; the business unit is told by e-mail."""
    position = workflow.next_position(None, NOT_RAISED, "raise")
    if subject not in DisputeSubject.values:
        raise DomainError("Select what the difference of opinion is about.", field="subject")
    if not summary.strip():
        raise DomainError("Enter what the difference of opinion is.", field="summary")
    _check_agency(case=case, by=by, agency=agency)
    dispute = Dispute.objects.create(
        case=case,
        raised_by=by,
        raised_for_agency=agency,
        subject=subject,
        summary=summary.strip(),
        state=position.state,
    )
    DisputeStage.objects.create(
        dispute=dispute, stage=position.stage, started_on=timezone.localdate()
    )
    audit_record(
        by=by,
        verb="dispute.raised",
        obj=dispute,
        partnership_id=case.partnership_id,
        data={
            "case": case.pk,
            "subject": subject,
            "agency": agency.pk if agency else None,
            "stage": position.stage,
        },
    )
    dispute_id = dispute.pk
    transaction.on_commit(lambda: tell_business_unit_of_dispute.enqueue(dispute_id=dispute_id))
    return dispute


def _check_end_date(ended_on: dt.date, running: DisputeStage) -> None:
    if ended_on > timezone.localdate():
        raise DomainError(
            "The date this stage ended must be today or in the past.", field="ended_on"
        )
    if ended_on < running.started_on:
        raise DomainError(
            "The date this stage ended must be the same as or after the date it started "
            f"({running.started_on:%-d %B %Y}).",
            field="ended_on",
        )


@transaction.atomic
def dispute_stage_close(
    *,
    dispute: Dispute,
    by: User,
    outcome: str,
    ended_on: dt.date,
    resolve: bool,
    resolution: str = "",
    expected_version: int | None = None,
) -> Dispute:
    """Record the current stage's outcome and the date it ended (DISPUTE), then either resolve
    the dispute (``resolution`` defaults to the outcome) or escalate it to the next stage,
    which starts on ``ended_on``. The partners are told of stage 2, the independent scrutineer
    of stage 3. ``expected_version`` refuses a close based on a page someone has since changed.
    """
    dispute = Dispute.objects.select_for_update().select_related("case").get(pk=dispute.pk)
    running = dispute.stages.filter(ended_on__isnull=True).first()
    action = "resolve" if resolve else "escalate"
    position = workflow.next_position(
        dispute.state, running.stage if running else NOT_RAISED, action
    )
    if expected_version is not None and dispute.version != expected_version:
        raise StaleEdit(
            "Someone else recorded a stage of this difference of opinion after you opened it. "
            "Nothing has been saved: go back to it, check its stages and try again."
        )
    if running is None:  # an open dispute always has one; the workflow refuses otherwise
        raise DomainError(workflow.STAGE_REFUSALS["resolve"])
    if not outcome.strip():
        raise DomainError("Enter the outcome of this stage.", field="outcome")
    _check_end_date(ended_on, running)
    running.ended_on = ended_on
    running.outcome = outcome.strip()
    running.recorded_by = by
    running.save(update_fields=["ended_on", "outcome", "recorded_by", "updated_at"])
    dispute.state = position.state
    data = {"case": dispute.case_id, "stage": running.stage, "stage_record": running.pk}
    if position.state == DisputeState.RESOLVED:
        dispute.resolved_on = ended_on
        dispute.resolution = resolution.strip() or running.outcome
    else:
        reached = DisputeStage.objects.create(
            dispute=dispute, stage=position.stage, started_on=ended_on
        )
        data["to_stage"] = reached.stage
    dispute.version += 1
    dispute.save(update_fields=["state", "resolved_on", "resolution", "version", "updated_at"])
    audit_record(
        by=by,
        verb="dispute.resolved" if resolve else "dispute.escalated",
        obj=dispute,
        partnership_id=dispute.case.partnership_id,
        data=data,
    )
    if not resolve:
        dispute_id, stage = dispute.pk, int(position.stage)
        transaction.on_commit(
            lambda: tell_of_escalation.enqueue(dispute_id=dispute_id, stage=stage)
        )
    return dispute
