"""Recommendations that recur: a recommendation's page shows the partnership's earlier
recommendations on other cases that say nearly the same thing, with what became of their
actions; never another partnership's, never the same case's, and only to those who see every
case."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspr.actions.models import ActionPlan
from cspr.actions.selectors import similar_recommendations
from cspr.actions.services.actions import action_add, action_update_record
from cspr.actions.services.plans import plan_start
from cspr.actions.services.recommendations import recommendation_add
from cspr.cases.services import case_refer, case_triage, notification_record
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from tests.actions.conftest import FATHERS, action_values, recommendation_page
from tests.fixtures.cases import case_values, identity_values
from tests.fixtures.reviews import MEETING

EARLIER = "Agencies must make sure male carers and fathers are involved in assessments."


def plan_in(world) -> ActionPlan:
    """A plan on a new case of ``world`` whose Rapid Review meeting is recorded."""
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    agency = lead.memberships.get().agency
    case = case_refer(
        partnership=world.partnership,
        by=lead,
        referring_agency=agency,
        case_values=case_values(),
        identity_values=identity_values(),
        agencies_involved=[],
    )
    case_triage(case=case, by=bu, outcome="notify", reason="Serious harm.")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    rapid_review = rapid_review_start(case=case, by=bu)
    agency_invite(rapid_review=rapid_review, by=bu, agency=agency)
    rapid_review.refresh_from_db()
    meeting_record(
        rapid_review=rapid_review,
        by=bu,
        values=MEETING,
        criteria={},
        expected_version=rapid_review.version,
    )
    return plan_start(case=case, by=bu)


def earlier_in(world, text: str = EARLIER):
    """An earlier recommendation, on another case of ``world``, with a completed action."""
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    plan = plan_in(world)
    recommendation = recommendation_add(plan=plan, by=bu, text=text, response="accepted")
    action = action_add(
        recommendation=recommendation,
        by=bu,
        values=action_values(lead.memberships.get().agency, lead),
    )
    action_update_record(
        action=action,
        by=lead,
        text="Done.",
        status="complete",
        impact_evidence="Fathers were seen in 17 of 20 audited assessments.",
        files=[],
        expected_version=action.version,
    )
    return recommendation


@pytest.fixture
def earlier(world):
    return earlier_in(world)


def test_an_earlier_recommendation_that_says_nearly_the_same_is_shown_with_its_actions(
    earlier, plan, add_recommendation, client_as, world
) -> None:
    earlier_in(world, "Audit the use of the escalation policy by schools.")
    recommendation = add_recommendation(plan, text=FATHERS)
    html = client_as("business_unit").get(recommendation_page(recommendation)).content.decode()
    assert "Earlier recommendations like this one" in html
    assert EARLIER in html
    assert earlier.plan.case.reference in html
    assert "Fathers were seen in 17 of 20 audited assessments." in html
    assert "Complete" in html
    assert "Audit the use of the escalation policy" not in html
    assert recommendation_page(earlier) in html
    assert "fathers" in html.split("Words in common")[1][:200]


def test_the_same_case_and_other_partnerships_are_left_out(
    plan, add_recommendation, world, other_world
) -> None:
    earlier_in(other_world)
    add_recommendation(plan, text=EARLIER)  # the same case
    recommendation = add_recommendation(plan, text=FATHERS)
    assert similar_recommendations(recommendation, today=dt.date(2026, 3, 2)) == []


@pytest.mark.usefixtures("earlier", "commission")
def test_only_those_who_see_every_case_are_shown_other_cases(
    plan, add_recommendation, add_action, client_as
) -> None:
    """An agency lead, or a reviewer commissioned for this case, does not see other cases."""
    recommendation = add_recommendation(plan, text=FATHERS)
    add_action(recommendation)
    for role in ("agency_lead", "reviewer"):
        response = client_as(role).get(recommendation_page(recommendation))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Earlier recommendations like this one" not in html
        assert EARLIER not in html
    partner = client_as("safeguarding_partner").get(recommendation_page(recommendation))
    assert EARLIER in partner.content.decode()


def test_the_search_costs_the_same_few_queries_however_many_plans_there_are(
    world, plan, add_recommendation
) -> None:
    earlier_in(world)
    recommendation = add_recommendation(plan, text=FATHERS)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            found = similar_recommendations(recommendation, today=dt.date(2026, 3, 2))
            for item in found:
                assert [row.label for row in item.actions]
        return len(queries)

    few = count()
    earlier_in(world)
    assert len(similar_recommendations(recommendation, today=dt.date(2026, 3, 2))) == 2
    assert count() == few
