"""Writes for cases: referral, triage and notifications. One function per action, each in one
transaction, checked against the workflow table and written to the audit trail."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases import workflow
from cspr.cases.criteria import notifications_called_for
from cspr.cases.deadlines import answers_of
from cspr.cases.models import (
    NOTIFICATION_RULE,
    Case,
    ChildIdentity,
    Notification,
    NotificationKind,
    ParallelProcess,
    ReferenceCounter,
)
from cspr.cases.tasks import tell_business_unit_of_referral
from cspr.cases.workflow import CaseState
from cspr.clock.selectors import partnership_due_date
from cspr.core.errors import DomainError
from cspr.partnerships.models import Agency, Partnership

# Letters for pseudonyms, leaving out those easily misread (I, O, Q).
PSEUDONYM_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _next_reference(partnership: Partnership, year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
        partnership=partnership, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{partnership.reference_prefix}-{year}-{counter.last_number:03d}"


def _next_pseudonym(partnership: Partnership) -> str:
    taken = set(Case.objects.filter(partnership=partnership).values_list("pseudonym", flat=True))
    start = len(taken) % len(PSEUDONYM_LETTERS)
    for round_number in range(1, 100):
        for offset in range(len(PSEUDONYM_LETTERS)):
            letter = PSEUDONYM_LETTERS[(start + offset) % len(PSEUDONYM_LETTERS)]
            name = f"Child {letter}" if round_number == 1 else f"Child {letter}{round_number}"
            if name not in taken:
                return name
    raise DomainError("No pseudonym is free; choose one by hand.")  # pragma: no cover


def _check_dates(*, incident_date: dt.date, la_aware_date: dt.date, today: dt.date) -> None:
    if incident_date > today:
        raise DomainError(
            "The date of the incident must be today or in the past.", field="incident_date"
        )
    if la_aware_date > today:
        raise DomainError(
            "The date the local authority became aware must be today or in the past.",
            field="la_aware_date",
        )
    if la_aware_date < incident_date:
        raise DomainError(
            "The date the local authority became aware must be the same as or after the date "
            "of the incident.",
            field="la_aware_date",
        )


@transaction.atomic
def case_refer(
    *,
    partnership: Partnership,
    by: User,
    referring_agency: Agency | None,
    case_values: dict[str, Any],
    identity_values: dict[str, Any],
    agencies_involved: list[Agency],
) -> Case:
    """Record a possible serious incident. The case gets its reference and pseudonym, and the
    business unit is told (by e-mail, after commit)."""
    today = timezone.localdate()
    _check_dates(
        incident_date=case_values["incident_date"],
        la_aware_date=case_values["la_aware_date"],
        today=today,
    )
    partners_aware = case_values.get("partners_aware_date")
    if partners_aware is not None and partners_aware < case_values["incident_date"]:
        raise DomainError(
            "The date the partners became aware must be the same as or after the date of the "
            "incident.",
            field="partners_aware_date",
        )
    if referring_agency is not None and referring_agency.partnership_id != partnership.pk:
        raise DomainError("Choose an agency of this partnership.", field="referring_agency")
    if any(agency.partnership_id != partnership.pk for agency in agencies_involved):
        raise DomainError("Choose agencies of this partnership.", field="agencies_involved")
    case = Case.objects.create(
        partnership=partnership,
        reference=_next_reference(partnership, case_values["incident_date"].year),
        pseudonym=_next_pseudonym(partnership),
        referred_by=by,
        referring_agency=referring_agency,
        **case_values,
    )
    case.agencies_involved.set(agencies_involved)
    ChildIdentity.objects.create(case=case, **identity_values)
    ParallelProcess.objects.bulk_create(
        ParallelProcess(case=case, kind=kind, updated_by=by)
        for kind in case_values.get("parallel_processes", [])
    )
    audit_record(by=by, verb="case.referred", obj=case)
    case_id = case.pk
    transaction.on_commit(lambda: tell_business_unit_of_referral.enqueue(case_id=case_id))
    return case


class TriageOutcome:
    NOTIFY = "notify"
    CLOSE = "close"
    LEARNING_REVIEW = "learning_review"


TRIAGE_ACTION = {
    TriageOutcome.NOTIFY: "triage_as_notifiable",
    TriageOutcome.CLOSE: "triage_and_close",
    TriageOutcome.LEARNING_REVIEW: "triage_as_learning_review",
}


@transaction.atomic
def case_triage(*, case: Case, by: User, outcome: str, reason: str) -> Case:
    """Record the business unit's decision against the criteria (DEF-SERIOUS, NOTIFY-*) and
    its reason. A case that does not meet them is closed or becomes a local learning review."""
    action = TRIAGE_ACTION[outcome]
    case = Case.objects.select_for_update().get(pk=case.pk)
    workflow.require(case.state, action)
    if not reason.strip():
        raise DomainError("Enter the reason for the decision.", field="reason")
    identity = ChildIdentity.objects.filter(case=case).first()
    calls = notifications_called_for(answers_of(case, identity))
    if outcome == TriageOutcome.NOTIFY and not calls:
        raise DomainError(
            "The answers recorded do not call for any notification. Check the referral, or "
            "close the case or make it a local learning review.",
            field="outcome",
        )
    case.state = workflow.next_state(case.state, action)
    case.meets_criteria = outcome == TriageOutcome.NOTIFY
    case.triage_reason = reason.strip()
    case.triaged_by = by
    case.triaged_on = timezone.localdate()
    if outcome == TriageOutcome.CLOSE:
        case.closed_reason = reason.strip()
    case.version += 1
    case.save()
    audit_record(by=by, verb="case.triaged", obj=case, data={"outcome": outcome})
    return case


@transaction.atomic
def notification_record(
    *,
    case: Case,
    by: User,
    kind: str,
    sent_on: dt.date,
    national_reference: str = "",
    late_reason: str = "",
) -> Notification:
    """Record a notification made through the national system (NOTIFY-*). A late one needs
    its reason. When every notification the case calls for is recorded, the case is notified."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    workflow.require(case.state, "record_notification")
    identity = ChildIdentity.objects.filter(case=case).first()
    called_for = {call.kind for call in notifications_called_for(answers_of(case, identity))}
    if kind not in called_for:
        raise DomainError("This case's answers do not call for that notification.", field="kind")
    if case.notifications.filter(kind=kind).exists():
        raise DomainError("That notification has already been recorded.", field="kind")
    if sent_on > timezone.localdate():
        raise DomainError("The date sent must be today or in the past.", field="sent_on")
    if sent_on < case.incident_date:
        raise DomainError(
            "The date sent must be the same as or after the date of the incident.", field="sent_on"
        )
    rule_id = NOTIFICATION_RULE[NotificationKind(kind)]
    due = partnership_due_date(
        partnership=case.partnership, rule_id=rule_id, start=case.la_aware_date
    )
    if sent_on > due and not late_reason.strip():
        raise DomainError(
            f"This notification was due by {due:%-d %B %Y} ({rule_id}). Enter why it was late.",
            field="late_reason",
        )
    notification = Notification.objects.create(
        case=case,
        kind=kind,
        sent_on=sent_on,
        sent_by=by,
        national_reference=national_reference.strip(),
        late_reason=late_reason.strip() if sent_on > due else "",
    )
    audit_record(
        by=by, verb="notification.recorded", obj=notification, data={"case": case.pk, "kind": kind}
    )
    recorded = set(case.notifications.values_list("kind", flat=True))
    if called_for <= recorded and case.state == CaseState.AWAITING_NOTIFICATION:
        case.state = workflow.next_state(case.state, "complete_notifications")
        case.version += 1
        case.save(update_fields=["state", "version", "updated_at"])
        audit_record(by=by, verb="case.notified", obj=case)
    return notification
