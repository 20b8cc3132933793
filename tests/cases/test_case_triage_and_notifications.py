"""Triage against the criteria and the notifications that follow (DEF-SERIOUS, NOTIFY-*)."""

import datetime as dt

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.models import AbuseOrNeglect, ChildStatus, IncidentKind, NotificationKind
from cspr.cases.selectors import case_row
from cspr.cases.services import TriageOutcome, case_triage, notification_record
from cspr.cases.workflow import CaseState
from cspr.core.errors import DomainError
from cspr.statutory.status import DeadlineState
from tests.conftest import PartnershipWorld


def url(case, name: str) -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference}
    )


def test_the_triage_page_shows_what_the_answers_call_for_with_due_dates(
    make_case, client_as
) -> None:
    case = make_case()
    page = client_as("business_unit").get(url(case, "cases:triage")).content.decode()
    assert "Serious incident notification to the Panel" in page
    # NOTIFY-PANEL: 5 working days after Wednesday 25 February 2026.
    assert "Wednesday 4 March 2026" in page
    # RAPID-REVIEW: 15 working days after the same date.
    assert "Wednesday 18 March 2026" in page


def test_the_business_unit_records_the_decision_and_its_reason(make_case, client_as) -> None:
    case = make_case()
    response = client_as("business_unit").post(
        url(case, "cases:triage"), {"outcome": "notify", "reason": "Unexplained injuries."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_NOTIFICATION
    assert case.meets_criteria is True
    assert AuditEvent.objects.filter(verb="case.triaged").exists()


def test_a_decision_needs_a_reason_and_keeps_the_choice(make_case, client_as) -> None:
    case = make_case()
    page = (
        client_as("business_unit")
        .post(url(case, "cases:triage"), {"outcome": "close", "reason": ""})
        .content.decode()
    )
    assert "Enter the reason for the decision" in page
    assert 'value="close"' in page


def test_a_case_that_does_not_meet_the_criteria_becomes_a_local_learning_review(
    make_case, world: PartnershipWorld
) -> None:
    """LLR-COMPLETE then runs from the decision: 3 months by default."""
    case = make_case(abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED)
    case_triage(
        case=case,
        by=world.person("business_unit"),
        outcome=TriageOutcome.LEARNING_REVIEW,
        reason="Learning about discharge.",
    )
    case.refresh_from_db()
    (deadline,) = case_row(case, today=dt.date(2026, 3, 2)).deadlines
    assert deadline.rule.id == "LLR-COMPLETE"
    assert deadline.due == dt.date(2026, 6, 2)


def test_notify_is_refused_when_the_answers_call_for_nothing(
    make_case, world: PartnershipWorld
) -> None:
    case = make_case(abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED)
    with pytest.raises(DomainError, match="do not call for any notification"):
        case_triage(
            case=case, by=world.person("business_unit"), outcome=TriageOutcome.NOTIFY, reason="x"
        )


def test_a_case_is_triaged_once(make_case, world: PartnershipWorld) -> None:
    case = make_case()
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome=TriageOutcome.NOTIFY, reason="x")
    with pytest.raises(DomainError, match="already been triaged"):
        case_triage(case=case, by=bu, outcome=TriageOutcome.CLOSE, reason="y")


@pytest.mark.parametrize("role", ["agency_lead", "safeguarding_partner"])
def test_only_the_business_unit_triages(make_case, client_as, role: str) -> None:
    assert client_as(role).get(url(make_case(), "cases:triage")).status_code == 403


def test_recording_the_panel_notification_in_time_completes_notification(
    make_case, client_as, world: PartnershipWorld
) -> None:
    case = make_case()
    case_triage(case=case, by=world.person("business_unit"), outcome="notify", reason="x")
    response = client_as("business_unit").post(
        url(case, "cases:notify"),
        {
            "kind": "panel",
            "sent_on_0": "27",
            "sent_on_1": "2",
            "sent_on_2": "2026",
            "national_reference": "SIN-12345",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.NOTIFIED
    notify = next(
        d
        for d in case_row(case, today=dt.date(2026, 3, 2)).deadlines
        if d.rule.id == "NOTIFY-PANEL"
    )
    assert notify.status.state == DeadlineState.MET
    assert AuditEvent.objects.filter(verb="case.notified").exists()


def test_a_late_notification_needs_its_reason_notify_panel(
    make_case, world: PartnershipWorld, frozen_today
) -> None:
    case = make_case()
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome="notify", reason="x")
    frozen_today.move_to(dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC))
    with pytest.raises(DomainError, match="due by 4 March 2026"):
        notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 3, 5))
    notification = notification_record(
        case=case, by=bu, kind="panel", sent_on=dt.date(2026, 3, 5), late_reason="System outage"
    )
    assert notification.late_reason == "System outage"
    row = case_row(case, today=dt.date(2026, 3, 9))
    notify = next(d for d in row.deadlines if d.rule.id == "NOTIFY-PANEL")
    assert notify.status.state == DeadlineState.MET_LATE


def test_a_notification_the_answers_do_not_call_for_is_refused(
    make_case, world: PartnershipWorld
) -> None:
    case = make_case()
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome="notify", reason="x")
    with pytest.raises(DomainError, match="do not call for that notification"):
        notification_record(
            case=case, by=bu, kind=NotificationKind.LOOKED_AFTER_DEATH, sent_on=dt.date(2026, 2, 27)
        )


def test_notifications_wait_for_triage(make_case, world: PartnershipWorld) -> None:
    case = make_case()
    with pytest.raises(DomainError, match="after triage"):
        notification_record(
            case=case, by=world.person("business_unit"), kind="panel", sent_on=dt.date(2026, 2, 27)
        )


def test_a_looked_after_childs_death_needs_both_notifications_before_it_is_notified(
    make_case, world: PartnershipWorld
) -> None:
    case = make_case(incident_kind=IncidentKind.DEATH, child_statuses=[ChildStatus.LOOKED_AFTER])
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome="notify", reason="x")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_NOTIFICATION
    notification_record(case=case, by=bu, kind="looked_after_death", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    assert case.state == CaseState.NOTIFIED


def test_the_data_pack_lays_out_every_answer(make_case, client_as) -> None:
    case = make_case()
    page = client_as("business_unit").get(url(case, "cases:data-pack")).content.decode()
    for text in (
        "Ruby Testchild",
        "24/02/2026",
        "25/02/2026",
        "Serious harm",
        "Suspected",
        "20 minutes",
    ):
        assert text in page
