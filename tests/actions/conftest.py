"""Fixtures for action plans (ACTIONS): the local CSPR of ``tests/fixtures/reviews.py`` with its
plan, recommendations and actions, a second agency with its own lead, and a plan signed off by
every safeguarding partner. Time is frozen to Monday 2 March 2026."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from cspr.accounts.models import User
from cspr.actions.models import Action, ActionPlan, Recommendation
from cspr.actions.services.actions import action_add
from cspr.actions.services.plans import plan_sign_off, plan_start
from cspr.actions.services.recommendations import recommendation_add
from cspr.partnerships.models import Agency
from cspr.reviews.models import Review
from tests.conftest import PartnershipWorld

TODAY = dt.date(2026, 3, 2)
FATHERS = (
    "All agencies should ensure that fathers and other male carers are included in "
    "assessments of the child's needs."
)


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


@pytest.fixture
def bu(world: PartnershipWorld) -> User:
    return world.person("business_unit")


@pytest.fixture
def plan(cspr: Review, bu: User) -> ActionPlan:
    """The draft plan of the local CSPR's case."""
    return plan_start(case=cspr.case, by=bu)


@pytest.fixture
def add_recommendation(bu: User) -> Callable[..., Recommendation]:
    def make(plan: ActionPlan, text: str = FATHERS, **values: Any) -> Recommendation:
        values.setdefault("response", "accepted")
        return recommendation_add(plan=plan, by=bu, text=text, **values)

    return make


def action_values(agency: Agency, owner: User, **overrides: Any) -> dict[str, Any]:
    return {
        "what": "Revise the assessment template to ask about every adult in the household.",
        "agency": agency,
        "owner": owner,
        "starts_on": dt.date(2026, 3, 2),
        "due_on": dt.date(2026, 6, 30),
        "impact_measure": "An audit of 20 assessments shows fathers were spoken to in 18.",
        **overrides,
    }


@pytest.fixture
def add_action(bu: User, school: Agency, world: PartnershipWorld) -> Callable[..., Action]:
    """An action owned by the world's school (its agency lead), unless told otherwise."""

    def make(recommendation: Recommendation, **overrides: Any) -> Action:
        agency = overrides.pop("agency", school)
        owner = overrides.pop("owner", world.person("agency_lead"))
        values = action_values(agency, owner, **overrides)
        return action_add(recommendation=recommendation, by=bu, values=values)

    return make


@pytest.fixture
def recommendation(plan: ActionPlan, add_recommendation) -> Recommendation:
    return add_recommendation(plan)


@pytest.fixture
def action(recommendation: Recommendation, add_action) -> Action:
    return add_action(recommendation)


@pytest.fixture
def health_action(recommendation: Recommendation, add_action, health) -> Action:
    """An action of the hospital (the other agency), owned by its lead."""
    agency, lead = health
    return add_action(recommendation, agency=agency, owner=lead, what="Train the midwives.")


@pytest.fixture
def sign_all(partners: dict[str, User]) -> Callable[[ActionPlan], ActionPlan]:
    """Every statutory partner signs the plan off."""

    def run(plan: ActionPlan) -> ActionPlan:
        for partner, person in partners.items():
            plan.refresh_from_db()
            plan = plan_sign_off(plan=plan, by=person, statutory_partner=partner)
        plan.refresh_from_db()
        return plan

    return run


@pytest.fixture
def signed_plan(plan: ActionPlan, action: Action, health_action: Action, sign_all) -> ActionPlan:
    """The plan with one recommendation and two actions (school, hospital), signed off."""
    return sign_all(plan)


def page(plan: ActionPlan, name: str = "actions:plan", **kwargs: Any) -> str:
    case = plan.case
    return reverse(
        name,
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


def action_page(action: Action, name: str = "actions:action") -> str:
    return page(action.recommendation.plan, name, action_id=action.pk)


def recommendation_page(
    recommendation: Recommendation, name: str = "actions:recommendation"
) -> str:
    return page(recommendation.plan, name, recommendation_id=recommendation.pk)


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
