"""Removing what was drafted by mistake from a draft plan: the numbers close up; a
recommendation with actions, or an action its agency has reported on, stays."""

import pytest

from cspr.actions.models import Action, Recommendation
from cspr.actions.services.actions import action_remove, action_update_record
from cspr.actions.services.recommendations import recommendation_remove
from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from tests.actions.conftest import action_page, page, recommendation_page


def test_a_recommendation_is_removed_and_the_later_ones_move_up(plan, add_recommendation, bu):
    _, second, _ = (add_recommendation(plan, text=t) for t in ("One.", "Two.", "Three."))
    recommendation_remove(recommendation=second, by=bu)
    assert list(plan.recommendations.values_list("number", "text")) == [
        (1, "One."),
        (2, "Three."),
    ]
    assert AuditEvent.objects.filter(verb="recommendation.removed").exists()


def test_a_recommendation_with_actions_stays(action, bu) -> None:
    with pytest.raises(DomainError, match="Remove its actions first"):
        recommendation_remove(recommendation=action.recommendation, by=bu)


def test_an_action_is_removed_and_the_later_ones_move_up(recommendation, add_action, bu):
    first = add_action(recommendation)
    add_action(recommendation, what="Second.")
    action_remove(action=first, by=bu)
    assert list(recommendation.actions.values_list("number", "what")) == [(1, "Second.")]


def test_an_action_its_agency_reported_on_stays(plan, action, world, bu) -> None:
    action_update_record(
        action=action,
        by=world.person("agency_lead"),
        text="Started.",
        status="on_track",
        impact_evidence="",
        files=[],
        expected_version=action.version,
    )
    with pytest.raises(DomainError, match="has updates from its agency"):
        action_remove(action=action, by=bu)


def test_nothing_is_removed_from_a_signed_off_plan(signed_plan, action, bu) -> None:
    with pytest.raises(DomainError, match="The plan has been signed off"):
        action_remove(action=action, by=bu)
    with pytest.raises(DomainError, match="The plan has been signed off"):
        recommendation_remove(recommendation=action.recommendation, by=bu)


def test_removing_through_the_confirmation_pages(plan, action, add_recommendation, client_as):
    spare = add_recommendation(plan, text="Entered twice.")
    client = client_as("business_unit")
    assert (
        action_page(action, "actions:action-remove")
        in client.get(action_page(action)).content.decode()
    )
    assert client.get(action_page(action, "actions:action-remove")).status_code == 200
    response = client.post(action_page(action, "actions:action-remove"))
    assert response["Location"] == recommendation_page(action.recommendation)
    assert not Action.objects.exists()
    response = client.post(recommendation_page(spare, "actions:recommendation-remove"))
    assert response["Location"] == page(plan)
    assert not Recommendation.objects.filter(pk=spare.pk).exists()
    assert client_as("agency_lead").post(
        recommendation_page(action.recommendation, "actions:recommendation-remove")
    ).status_code in {403, 404}
