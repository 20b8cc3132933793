"""Fictional demo action plans for Northshire, so that ``make run`` shows the ACTIONS process:

* an earlier plan, closed after its impact review, on a fictional case whose Rapid Review
  asked health visitors to ask about fathers and male carers;
* the plan of a case under review (the demo case that has a review, or a new fictional one),
  signed off by the three partners, whose first recommendation says nearly the same thing as the
  earlier one (so its page shows the recurrence), with one action overdue, owned by the demo
  school lead (school.lead@northshire.example), and an update with an evidence file.

Nothing here is about a real child or a real review. Idempotent: nothing is added once the
partnership has an action plan."""

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from docx import Document

from cspr.accounts.models import User
from cspr.actions.models import ActionPlan, Recommendation
from cspr.actions.services.actions import action_add, action_update_record
from cspr.actions.services.plans import impact_review_record, plan_close, plan_sign_off, plan_start
from cspr.actions.services.recommendations import immediate_actions_bring_in, recommendation_add
from cspr.cases.models import Case, ChildStatus
from cspr.cases.services import case_refer, case_triage, notification_record
from cspr.learning.models import Theme
from cspr.partnerships.models import Agency, Partnership, Role
from cspr.rapid_reviews.services.decisions import (
    partner_decide,
    partners_represented_by,
    rapid_review_send_to_partners,
    required_partners,
)
from cspr.rapid_reviews.services.meeting import immediate_action_add, meeting_record
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from cspr.reviews.models import Review
from cspr.reviews.services import review_open

SCHOOL = "Northshire Academy"
HOSPITAL = "Northshire Hospitals NHS Foundation Trust"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MEETING = {
    "attendees": "Fictional demo: the CSPR group",
    "facts": "Fictional demo. A toddler was seen in the emergency department with burns.",
    "immediate_action": "Fictional demo. Health visitors to ask about fathers and male carers.",
    "improvements": "Fictional demo. Seeing the men who care for children.",
    "next_steps": "Fictional demo. A multi-agency audit.",
    "learning_identified": "Fictional demo. The mother's partner was never seen.",
    "recommended_outcome": "multi_agency_audit",
    "rationale": "Fictional demo: one agency's practice; an audit will show how wide it is.",
    "missing_returns_reason": "Fictional demo: decided on the agencies' verbal summaries.",
}

EARLIER_ACTION = (
    "Every agency to identify and see the fathers and male carers in a child's household, and "
    "include them in its assessments."
)
RECOMMENDATIONS: list[dict[str, Any]] = [
    {
        "text": "All agencies should make sure that fathers and other male carers living in or "
        "visiting the household are identified, seen and included in assessments.",
        "response": "accepted",
        "themes": ["hidden-men", "whole-family", "professional-curiosity"],
    },
    {
        "text": "When a family moves into the area, agencies should ask for the previous area's "
        "records and read them before the first visit.",
        "response": "partly",
        "response_reasons": "Accepted for health and children's social care. Schools already "
        "receive records through the school-to-school transfer, so no new action is needed for "
        "schools (fictional demo).",
        "themes": ["transfer-between-areas", "information-sharing"],
    },
    {
        "text": "The partnership should commission one shared case record for every agency.",
        "response": "not_accepted",
        "response_reasons": "A shared record is beyond the partnership's powers; the national "
        "programme for sharing child protection information covers it (fictional demo).",
        "themes": ["information-sharing"],
    },
]


def _person(partnership: Partnership, role: Role, **filters: Any) -> User:
    return User.objects.filter(
        memberships__partnership=partnership, memberships__role=role, **filters
    ).order_by("pk")[0]


def _partners(partnership: Partnership) -> dict[str, User]:
    people: dict[str, User] = {}
    for person in User.objects.filter(
        memberships__partnership=partnership, memberships__role=Role.SAFEGUARDING_PARTNER
    ).distinct():
        for partner in partners_represented_by(person, partnership):
            people.setdefault(partner, person)
    return {p: people[p] for p in required_partners(partnership) if p in people}


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _case(
    partnership: Partnership, *, name: str, outline: str, today: dt.date, decide: bool
) -> Case:
    """A fictional case through referral, triage, notification and its Rapid Review meeting;
    with ``decide``, through the partners' decision to an open local CSPR."""
    bu = _person(partnership, Role.BUSINESS_UNIT)
    school = Agency.objects.get(partnership=partnership, name=SCHOOL)
    hospital = Agency.objects.get(partnership=partnership, name=HOSPITAL)
    lead = _person(partnership, Role.AGENCY_LEAD, memberships__agency=school)
    aware = today - dt.timedelta(days=3)
    case = case_refer(
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values={
            "incident_date": aware,
            "la_aware_date": aware,
            "partners_aware_date": None,
            "incident_kind": "serious_harm",
            "abuse_or_neglect": "suspected",
            "location": "in_area",
            "child_statuses": [ChildStatus.CHILD_IN_NEED],
            "police_investigation": "yes",
            "parallel_processes": [],
            "case_outline": outline,
        },
        identity_values={"full_name": name, "age_years": 2, "sex": "female"},
        agencies_involved=[school, hospital],
    )
    case_triage(case=case, by=bu, outcome="notify", reason="Fictional demo: serious harm.")
    notification_record(case=case, by=bu, kind="panel", sent_on=today)
    rapid_review = rapid_review_start(case=case, by=bu)
    agency_invite(rapid_review=rapid_review, by=bu, agency=hospital)
    rapid_review.refresh_from_db()
    values = {**MEETING, "meeting_date": today}
    if decide:
        values.update(recommended_outcome="local_cspr", next_steps="Fictional demo. A review.")
    rapid_review = meeting_record(
        rapid_review=rapid_review,
        by=bu,
        values=values,
        criteria={},
        expected_version=rapid_review.version,
    )
    if decide:
        rapid_review = rapid_review_send_to_partners(rapid_review=rapid_review, by=bu)
        for partner, person in _partners(partnership).items():
            partner_decide(
                rapid_review=rapid_review,
                by=person,
                statutory_partner=partner,
                choice="confirm",
                comment="",
            )
        case.refresh_from_db()
        review_open(case=case, by=bu, kind="local_cspr", methodology="systems")
    case.refresh_from_db()
    return case


def _sign_off(plan: ActionPlan) -> ActionPlan:
    for partner, person in _partners(plan.case.partnership).items():
        plan.refresh_from_db()
        plan = plan_sign_off(plan=plan, by=person, statutory_partner=partner)
    plan.refresh_from_db()
    return plan


def _earlier_plan(partnership: Partnership, today: dt.date) -> ActionPlan:
    """A closed plan: the Rapid Review's immediate action about fathers and male carers, done,
    with evidence of impact that shows it did not change practice everywhere."""
    case = _case(
        partnership,
        name="Demo Child Four",
        outline="FICTIONAL DEMO. A toddler was seen in hospital with burns; the mother's "
        "partner, who looked after the child, was never seen by any agency.",
        today=today,
        decide=False,
    )
    bu = _person(partnership, Role.BUSINESS_UNIT)
    hospital = Agency.objects.get(partnership=partnership, name=HOSPITAL)
    health_lead = _person(partnership, Role.AGENCY_LEAD, memberships__agency=hospital)
    immediate_action_add(
        rapid_review=case.rapid_review,
        by=bu,
        action=EARLIER_ACTION,
        owner_agency=hospital,
        owner_name="Named nurse for safeguarding",
        due_on=today - dt.timedelta(days=300),
    )
    plan = plan_start(case=case, by=bu)
    (recommendation,) = immediate_actions_bring_in(
        plan=plan, by=bu, immediate_actions=list(case.rapid_review.immediate_actions.all())
    )
    action = action_add(
        recommendation=recommendation,
        by=bu,
        values={
            "what": "Add a prompt about fathers and male carers to the health visiting record, "
            "and brief every health visiting team.",
            "agency": hospital,
            "owner": health_lead,
            "starts_on": today - dt.timedelta(days=360),
            "due_on": today - dt.timedelta(days=300),
            "impact_measure": "An audit of 20 records six months on shows fathers and male "
            "carers recorded in at least 18.",
        },
    )
    plan = _sign_off(plan)
    action_update_record(
        action=action,
        by=health_lead,
        text="Fictional demo: the prompt is in the record and every team was briefed.",
        status="complete",
        impact_evidence="Fictional demo: the audit found fathers and male carers recorded in 11 "
        "of 20 records; health visiting improved, other agencies did not change.",
        files=[],
        expected_version=action.version,
    )
    partner = next(iter(_partners(partnership).values()))
    impact_review_record(
        plan=plan,
        by=partner,
        reviewed_on=today,
        findings="Fictional demo: health visitors now ask about the men in a child's life. "
        "Other agencies still do not, so the learning was not embedded across the partnership.",
    )
    return plan_close(plan=plan, by=partner)


def _reviewed_case(partnership: Partnership, today: dt.date) -> Case:
    """The demo case that has a review (another demo may have added one), or a new one."""
    existing = (
        Case.objects.filter(partnership=partnership, action_plan__isnull=True)
        .filter(pk__in=Review.objects.values("case_id"))
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    return _case(
        partnership,
        name="Demo Child Five",
        outline="FICTIONAL DEMO. A baby was admitted with a head injury; the family had moved "
        "into the area, and the mother's new partner was not known to the agencies.",
        today=today,
        decide=True,
    )


def _current_plan(partnership: Partnership, today: dt.date) -> ActionPlan:
    case = _reviewed_case(partnership, today)
    bu = _person(partnership, Role.BUSINESS_UNIT)
    school = Agency.objects.get(partnership=partnership, name=SCHOOL)
    hospital = Agency.objects.get(partnership=partnership, name=HOSPITAL)
    school_lead = _person(partnership, Role.AGENCY_LEAD, memberships__agency=school)
    health_lead = _person(partnership, Role.AGENCY_LEAD, memberships__agency=hospital)
    plan = plan_start(case=case, by=bu)
    recommendations: list[Recommendation] = []
    for values in RECOMMENDATIONS:
        themes = list(Theme.objects.filter(slug__in=values["themes"], is_active=True))
        recommendations.append(
            recommendation_add(
                plan=plan,
                by=bu,
                text=values["text"],
                response=values["response"],
                response_reasons=values.get("response_reasons", ""),
                themes=themes,
            )
        )
    fathers, records, _ = recommendations
    overdue = action_add(
        recommendation=fathers,
        by=bu,
        values={
            "what": "Add a question about every adult in the household, and who looks after "
            "the child, to the school's welfare check form.",
            "agency": school,
            "owner": school_lead,
            "starts_on": today - dt.timedelta(days=90),
            "due_on": today - dt.timedelta(days=21),
            "impact_measure": "A termly audit of ten welfare checks shows every adult in the "
            "household recorded.",
        },
    )
    training = action_add(
        recommendation=fathers,
        by=bu,
        values={
            "what": "Train emergency department staff to ask who lives at home and who looks "
            "after the child, and to record it.",
            "agency": hospital,
            "owner": health_lead,
            "starts_on": today - dt.timedelta(days=30),
            "due_on": today + dt.timedelta(days=90),
            "impact_measure": "Eight in ten records of children seen after an injury name the "
            "adults at home.",
        },
    )
    transfer = action_add(
        recommendation=records,
        by=bu,
        values={
            "what": "Ask for the previous area's health records within two working days of a "
            "family with a child under five moving in.",
            "agency": hospital,
            "owner": health_lead,
            "starts_on": today - dt.timedelta(days=30),
            "due_on": today + dt.timedelta(days=60),
            "impact_measure": "Records arrive before the first visit for nine in ten families.",
        },
    )
    plan = _sign_off(plan)
    action_update_record(
        action=overdue,
        by=school_lead,
        text="Fictional demo: the new question is drafted; the head teacher has not approved "
        "the form yet.",
        status="on_track",
        impact_evidence="",
        files=[],
        expected_version=overdue.version,
    )
    action_update_record(
        action=training,
        by=health_lead,
        text="Fictional demo: three of five teams trained; the attendance sheet is attached.",
        status="on_track",
        impact_evidence="Fictional demo: early audit, 6 of 10 records name the adults at home.",
        files=[
            SimpleUploadedFile(
                "Training attendance.docx",
                _docx("Fictional demo: training attendance", "Team A, Team B, Team C"),
                content_type=DOCX_TYPE,
            )
        ],
        expected_version=training.version,
    )
    transfer.refresh_from_db()
    action_update_record(
        action=transfer,
        by=health_lead,
        text="Fictional demo: the previous areas answer slowly; we are escalating.",
        status="at_risk",
        impact_evidence="",
        files=[],
        expected_version=transfer.version,
    )
    return plan


@transaction.atomic
def seed_demo_actions(partnership: Partnership) -> int:
    """The two demo plans; returns how many plans were added (0 once there are any)."""
    if ActionPlan.objects.filter(case__partnership=partnership).exists():
        return 0
    today = timezone.localdate()
    _earlier_plan(partnership, today)
    _current_plan(partnership, today)
    return 2
