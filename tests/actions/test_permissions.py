"""Who may do what with an action plan (ACTIONS), as a matrix of role by scope by action, the
refusals as well as the grants: the business unit drafts; partners sign off, review impact and
close; agency leads see and update only their own agency's actions; a commissioned reviewer
reads; the independent scrutineer and the administrator see nothing of it."""

import datetime as dt

import pytest
import rules
from django.test import Client

from cspr.actions.models import Action
from tests.actions.conftest import action_page, page, recommendation_page

ROLES = [
    "business_unit",
    "safeguarding_partner",
    "agency_lead",  # leads the school, which owns ``action``
    "health_lead",  # leads the hospital, which owns ``health_action``
    "reviewer",  # commissioned for the case
    "independent_scrutineer",
    "administrator",
]
WHOLE_PLAN = {"business_unit", "safeguarding_partner", "reviewer"}

# permission -> what it is checked on -> the roles granted it
MATRIX = {
    ("actions.start_plan", "case"): {"business_unit"},
    ("actions.view_plan", "plan"): WHOLE_PLAN | {"agency_lead", "health_lead"},
    ("actions.draft_plan", "plan"): {"business_unit"},
    ("actions.sign_off", "plan"): {"safeguarding_partner"},
    ("actions.review_impact", "plan"): {"safeguarding_partner"},
    ("actions.close_plan", "plan"): {"safeguarding_partner"},
    ("actions.export_plan", "plan"): {"business_unit", "safeguarding_partner"},
    ("actions.view_recommendation", "recommendation"): WHOLE_PLAN | {"agency_lead", "health_lead"},
    ("actions.view_similar", "recommendation"): {"business_unit", "safeguarding_partner"},
    ("actions.view_action", "school_action"): WHOLE_PLAN | {"agency_lead"},
    ("actions.view_action", "health_action"): WHOLE_PLAN | {"health_lead"},
    ("actions.update_action", "school_action"): {"agency_lead"},
    ("actions.update_action", "health_action"): {"health_lead"},
    ("actions.view_list", "partnership"): WHOLE_PLAN | {"agency_lead", "health_lead"},
}


@pytest.fixture
def people(world, health, commission) -> dict[str, object]:
    _, health_lead = health
    return {
        **{role: world.person(role) for role in ROLES if role != "health_lead"},
        "health_lead": health_lead,
    }


@pytest.fixture
def targets(signed_plan, action, health_action, world) -> dict[str, object]:
    return {
        "case": signed_plan.case,
        "plan": signed_plan,
        "recommendation": action.recommendation,
        "school_action": action,
        "health_action": health_action,
        "partnership": world.partnership,
    }


@pytest.mark.parametrize(("permission", "target"), list(MATRIX))
def test_the_permission_matrix(people, targets, permission: str, target: str) -> None:
    granted = {role for role in ROLES if rules.has_perm(permission, people[role], targets[target])}
    assert granted == MATRIX[(permission, target)]


def test_a_named_owner_outside_the_agency_updates_their_own_action(
    recommendation, add_action, school, world
) -> None:
    """The named owner may be of the business unit: they update that action, and no other."""
    bu = world.person("business_unit")
    owned = add_action(recommendation, owner=bu)
    other = add_action(recommendation)
    assert rules.has_perm("actions.update_action", bu, owned)
    assert not rules.has_perm("actions.update_action", bu, other)
    lead = world.person("agency_lead")
    assert rules.has_perm("actions.update_action", lead, owned)  # their agency's action


def test_an_agency_lead_sees_only_their_agencys_actions_on_the_plan(
    signed_plan, action, health_action, client_as
) -> None:
    html = client_as("agency_lead").get(page(signed_plan)).content.decode()
    assert "You see the actions your agency owns" in html
    assert action_page(action) in html
    assert action_page(health_action) not in html
    assert "Train the midwives." not in html
    assert page(signed_plan, "actions:export-xlsx") not in html


def test_an_agency_lead_cannot_reach_another_agencys_action(
    signed_plan, health_action, client_as
) -> None:
    client = client_as("agency_lead")
    for name in ("actions:action", "actions:action-update", "actions:action-edit"):
        assert client.get(action_page(health_action, name)).status_code == 404
    assert client.post(action_page(health_action, "actions:action-update")).status_code == 404


def test_an_agency_lead_reads_but_does_not_draft_their_action(signed_plan, action, client_as):
    client = client_as("agency_lead")
    assert client.get(action_page(action)).status_code == 200
    assert client.get(action_page(action, "actions:action-edit")).status_code == 403
    assert client.get(page(signed_plan, "actions:recommendation-add")).status_code == 403
    assert client.get(page(signed_plan, "actions:export-docx")).status_code == 403
    assert client.get(page(signed_plan, "actions:sign-off")).status_code == 403


def test_an_agency_lead_without_actions_in_the_plan_sees_nothing_of_it(
    plan, action, health, client
) -> None:
    _, health_lead = health
    client.force_login(health_lead)
    assert client.get(page(plan)).status_code == 404
    assert client.get(recommendation_page(action.recommendation)).status_code == 404


@pytest.mark.parametrize("role", ["independent_scrutineer", "administrator"])
def test_the_scrutineer_and_the_administrator_see_no_plan(
    signed_plan, action, client_as, role: str
) -> None:
    client = client_as(role)
    assert client.get(page(signed_plan)).status_code == 404
    assert client.get(action_page(action)).status_code == 404
    assert client.get(page(signed_plan, "actions:export-xlsx")).status_code == 404


def test_a_reviewer_reads_the_plan_of_their_case_while_commissioned(
    signed_plan, action, commission, frozen_today, world
) -> None:
    client = Client()
    client.force_login(world.person("reviewer"))
    assert client.get(page(signed_plan)).status_code == 200
    assert client.get(action_page(action)).status_code == 200
    assert client.get(action_page(action, "actions:action-update")).status_code == 403
    frozen_today.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC))
    client.force_login(world.person("reviewer"))
    assert client.get(page(signed_plan)).status_code == 404


def test_the_business_unit_does_not_update_an_agencys_action(signed_plan, action, client_as):
    client = client_as("business_unit")
    assert client.get(action_page(action, "actions:action-update")).status_code == 403
    assert client.post(action_page(action, "actions:action-update")).status_code == 403
    assert Action.objects.get(pk=action.pk).updates.count() == 0


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("safeguarding_partner", "actions:reopen", 403),
        ("agency_lead", "actions:close", 403),
        ("business_unit", "actions:close", 403),
        ("business_unit", "actions:impact-review", 403),
        ("agency_lead", "actions:impact-review", 403),
    ],
)
def test_refusals_by_post(signed_plan, client_as, role, name, status) -> None:
    assert client_as(role).post(page(signed_plan, name)).status_code == status
