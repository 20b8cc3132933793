"""The plan's workflow (ACTIONS): every transition of ``workflow.TRANSITIONS`` and its
refusals, from starting the plan to closing it."""

import datetime as dt

import pytest

from cspr.actions import workflow
from cspr.actions.models import ActionPlan, PlanSignOff
from cspr.actions.services.actions import action_change, action_update_record
from cspr.actions.services.plans import (
    impact_review_record,
    plan_close,
    plan_problems,
    plan_reopen,
    plan_sign_off,
    plan_start,
)
from cspr.actions.services.recommendations import recommendation_add
from cspr.actions.workflow import PlanState
from cspr.audit.models import AuditEvent
from cspr.cases.services import case_triage, notification_record
from cspr.core.errors import DomainError
from cspr.rapid_reviews.services.starting import rapid_review_start
from tests.actions.conftest import action_values

STATES = [None, *PlanState]


@pytest.mark.parametrize("action", list(workflow.TRANSITIONS))
@pytest.mark.parametrize("state", STATES)
def test_the_table_allows_each_action_only_from_its_states(state, action) -> None:
    sources, _ = workflow.TRANSITIONS[action]
    if state in sources:
        assert workflow.allowed(state, action)
        workflow.require(state, action)
    else:
        assert not workflow.allowed(state, action)
        with pytest.raises(DomainError, match=workflow.REFUSALS[action][:30]):
            workflow.next_state(state, action)


def test_the_plan_goes_from_draft_to_closed() -> None:
    path = ["start", "sign_off", "all_signed_off", "record_update", "review_impact", "close"]
    state: str | None = None
    seen = []
    for action in path:
        state = workflow.next_state(state, action)
        seen.append(state)
    assert seen == ["draft", "draft", "signed_off", "signed_off", "impact_reviewed", "closed"]
    assert workflow.next_state("impact_reviewed", "review_impact") == "impact_reviewed"
    assert workflow.next_state("signed_off", "reopen") == "draft"


def test_the_business_unit_starts_one_plan_per_case(cspr, bu) -> None:
    plan = plan_start(case=cspr.case, by=bu)
    assert plan.state == PlanState.DRAFT
    assert AuditEvent.objects.filter(verb="action_plan.created", object_id=str(plan.pk)).exists()
    with pytest.raises(DomainError, match="already has an action plan"):
        plan_start(case=cspr.case, by=bu)


def test_a_plan_needs_a_review_or_a_rapid_review_meeting(make_case, bu) -> None:
    case = make_case()
    with pytest.raises(DomainError, match="Record the Rapid Review's meeting first"):
        plan_start(case=case, by=bu)
    case_triage(case=case, by=bu, outcome="notify", reason="Serious harm.")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    rapid_review_start(case=case, by=bu)
    with pytest.raises(DomainError, match="Record the Rapid Review's meeting first"):
        plan_start(case=case, by=bu)
    assert not ActionPlan.objects.exists()


def test_a_plan_follows_a_rapid_review_whose_meeting_is_recorded(decided_review, bu) -> None:
    plan = plan_start(case=decided_review.case, by=bu)
    assert plan.state == PlanState.DRAFT


def test_sign_off_is_refused_until_every_recommendation_has_a_response_and_actions(
    plan, add_recommendation, add_action, partners
) -> None:
    """ACTIONS: every recommendation gets a response, and accepted ones get actions."""
    la = partners["local_authority"]
    assert plan_problems(plan) == ["Add the recommendations the plan answers."]
    with pytest.raises(DomainError, match="Add the recommendations"):
        plan_sign_off(plan=plan, by=la, statutory_partner="local_authority")
    first = add_recommendation(plan, response="")
    add_recommendation(
        plan,
        text="Audit the escalation policy.",
        response="partly",
        response_reasons="Audit yes; a new policy no.",
    )
    add_recommendation(
        plan,
        text="Buy a new system.",
        response="not_accepted",
        response_reasons="A system is being bought nationally.",
    )
    plan.refresh_from_db()
    assert plan_problems(plan) == [
        "Record the response to recommendation 1.",
        "Add at least one action to recommendation 2: an accepted recommendation needs an action.",
    ]
    with pytest.raises(DomainError, match="not ready to sign off"):
        plan_sign_off(plan=plan, by=la, statutory_partner="local_authority")
    assert not PlanSignOff.objects.exists()
    add_action(first)
    plan.refresh_from_db()
    assert plan_problems(plan)[-1].startswith("Add at least one action to recommendation 2")


def test_every_partner_signs_off_then_the_plan_is_signed_off(plan, action, partners) -> None:
    """ACTIONS: partners sign the plan off."""
    signers = list(partners.items())
    for partner, person in signers[:-1]:
        plan = plan_sign_off(plan=plan, by=person, statutory_partner=partner)
        assert plan.state == PlanState.DRAFT
    partner, person = signers[-1]
    plan = plan_sign_off(plan=plan, by=person, statutory_partner=partner)
    assert plan.state == PlanState.SIGNED_OFF
    assert plan.signed_off_on == dt.date(2026, 3, 2)
    assert PlanSignOff.objects.filter(plan=plan, round=1).count() == 3
    assert AuditEvent.objects.filter(verb="action_plan.signed_off").count() == 1
    assert AuditEvent.objects.filter(verb="action_plan.partner_signed_off").count() == 3
    with pytest.raises(DomainError, match="Only a draft plan can be signed off"):
        plan_sign_off(plan=plan, by=person, statutory_partner=partner)


def test_a_partner_signs_once_and_only_for_the_partner_they_represent(
    plan, action, partners
) -> None:
    la = partners["local_authority"]
    with pytest.raises(DomainError, match="do not represent"):
        plan_sign_off(plan=plan, by=la, statutory_partner="police")
    plan_sign_off(plan=plan, by=la, statutory_partner="local_authority")
    plan.refresh_from_db()
    with pytest.raises(DomainError, match="already signed this plan off"):
        plan_sign_off(plan=plan, by=la, statutory_partner="local_authority")


def test_a_sign_off_of_a_page_since_changed_is_refused(plan, action, partners, bu) -> None:
    opened = plan.version
    recommendation_add(
        plan=plan, by=bu, text="Another.", response="not_accepted", response_reasons="Done already."
    )
    with pytest.raises(DomainError, match="Someone else saved the plan"):
        plan_sign_off(
            plan=plan,
            by=partners["police"],
            statutory_partner="police",
            expected_version=opened,
        )


def test_a_change_after_a_partner_signed_needs_their_sign_off_again(
    plan, action, partners, bu
) -> None:
    plan = plan_sign_off(plan=plan, by=partners["police"], statutory_partner="police")
    action.refresh_from_db()
    action_change(
        action=action,
        by=bu,
        values=action_values(action.agency, action.owner, due_on=dt.date(2026, 7, 31)),
        expected_version=action.version,
    )
    plan.refresh_from_db()
    assert plan.sign_off_round == 2
    for partner, person in partners.items():
        plan = plan_sign_off(plan=plan, by=person, statutory_partner=partner)
    assert plan.state == PlanState.SIGNED_OFF
    assert PlanSignOff.objects.filter(plan=plan, round=2).count() == 3


def test_a_signed_off_plan_cannot_change_until_it_returns_to_draft(
    signed_plan, action, bu, partners
) -> None:
    with pytest.raises(DomainError, match="The plan has been signed off"):
        recommendation_add(plan=signed_plan, by=bu, text="More.", response="accepted")
    plan = plan_reopen(plan=signed_plan, by=bu)
    assert plan.state == PlanState.DRAFT
    assert plan.signed_off_on is None
    assert plan.sign_off_round == 2
    assert PlanSignOff.objects.filter(round=1).count() == 3  # kept on record
    recommendation_add(
        plan=plan,
        by=bu,
        text="More.",
        response="not_accepted",
        response_reasons="Covered by recommendation 1.",
    )
    with pytest.raises(DomainError, match="Only a signed-off plan"):
        plan_reopen(plan=plan, by=bu)


def test_the_impact_review_follows_sign_off(plan, action, bu, partners, sign_all) -> None:
    la = partners["local_authority"]
    with pytest.raises(DomainError, match="signed off by every safeguarding partner"):
        impact_review_record(plan=plan, by=la, reviewed_on=dt.date(2026, 3, 2), findings="x")
    plan = sign_all(plan)
    with pytest.raises(DomainError, match="today or in the past"):
        impact_review_record(plan=plan, by=la, reviewed_on=dt.date(2026, 3, 3), findings="x")
    with pytest.raises(DomainError, match="on or after the day the plan was signed off"):
        impact_review_record(plan=plan, by=la, reviewed_on=dt.date(2026, 3, 1), findings="x")
    with pytest.raises(DomainError, match="what has changed for children"):
        impact_review_record(plan=plan, by=la, reviewed_on=dt.date(2026, 3, 2), findings=" ")
    review = impact_review_record(
        plan=plan, by=la, reviewed_on=dt.date(2026, 3, 2), findings="Fathers are now seen."
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.IMPACT_REVIEWED
    assert review.recorded_by == la
    impact_review_record(plan=plan, by=la, reviewed_on=dt.date(2026, 3, 2), findings="Again.")
    assert plan.impact_reviews.count() == 2
    with pytest.raises(DomainError, match="impact has not been reviewed"):
        plan_reopen(plan=plan, by=bu)


def test_the_plan_closes_once_its_impact_is_reviewed_and_every_action_is_complete(
    signed_plan, action, health_action, partners, world
) -> None:
    la = partners["local_authority"]
    with pytest.raises(DomainError, match="review the plan's impact before it is closed"):
        plan_close(plan=signed_plan, by=la)
    impact_review_record(
        plan=signed_plan, by=la, reviewed_on=dt.date(2026, 3, 2), findings="Better."
    )
    with pytest.raises(DomainError, match=r"Not complete: Action 1\.1, Action 1\.2"):
        plan_close(plan=signed_plan, by=la)
    for item, person in (
        (action, world.person("agency_lead")),
        (health_action, health_action.owner),
    ):
        item.refresh_from_db()
        action_update_record(
            action=item,
            by=person,
            text="Done.",
            status="complete",
            impact_evidence="",
            files=[],
            expected_version=item.version,
        )
    plan = plan_close(plan=signed_plan, by=la)
    assert plan.state == PlanState.CLOSED
    assert plan.closed_on == dt.date(2026, 3, 2)
    action.refresh_from_db()
    with pytest.raises(DomainError, match="The plan is closed"):
        action_update_record(
            action=action,
            by=world.person("agency_lead"),
            text="More.",
            status="complete",
            impact_evidence="",
            files=[],
            expected_version=action.version,
        )
    with pytest.raises(DomainError, match="must review the plan's impact"):
        plan_close(plan=plan, by=la)
