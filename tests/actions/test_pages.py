"""The pages of an action plan: every page well formed (one h1, a unique title, no inline
script or style), the business unit drafting through the forms with errors that keep what was
typed, partners signing off through the form, and the case page's link."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cspr.actions.models import Action, ActionPlan, Recommendation
from cspr.actions.services.plans import impact_review_record
from cspr.actions.workflow import PlanState
from cspr.audit.models import AuditEvent
from cspr.learning.models import Theme
from cspr.rapid_reviews.services.meeting import immediate_action_add
from tests.actions.conftest import (
    FATHERS,
    action_page,
    date_fields,
    page,
    recommendation_page,
)
from tests.core.test_page_structure import assert_well_formed


def test_the_business_unit_starts_the_plan_from_the_case_page(cspr, client_as) -> None:
    case = cspr.case
    client = client_as("business_unit")
    case_page = reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    start = reverse(
        "actions:start",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    assert start in client.get(case_page).content.decode()
    confirm = client.get(start)
    assert confirm.status_code == 200
    assert_well_formed(confirm.content.decode())
    response = client.post(start)
    plan = ActionPlan.objects.get(case=case)
    assert response["Location"] == page(plan)
    assert client.get(start)["Location"] == page(plan)  # started once
    html = client.get(case_page).content.decode()
    assert page(plan) in html
    assert start not in html


def test_the_case_page_offers_no_plan_to_those_who_may_not_start_one(cspr, client_as) -> None:
    case = cspr.case
    case_page = reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    html = client_as("safeguarding_partner").get(case_page).content.decode()
    assert "Start the action plan" not in html
    assert client_as("safeguarding_partner").post(page_start(case)).status_code == 403


def page_start(case) -> str:
    return reverse(
        "actions:start",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


def test_a_recommendation_is_added_through_the_form_with_themes(plan, client_as) -> None:
    neglect = Theme.objects.get(slug="neglect")
    client = client_as("business_unit")
    form = client.get(page(plan, "actions:recommendation-add")).content.decode()
    assert "Themes: harm or incident (optional)" in form
    response = client.post(
        page(plan, "actions:recommendation-add"),
        {"text": FATHERS, "response": "accepted", "themes_harm": [str(neglect.pk)]},
    )
    recommendation = Recommendation.objects.get()
    assert response["Location"] == recommendation_page(recommendation)
    assert recommendation.number == 1
    assert list(recommendation.themes.all()) == [neglect]
    detail = client.get(response["Location"]).content.decode()
    assert "Recommendation 1 saved" in detail
    assert "Earlier recommendations like this one" in detail


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("partly", "Enter why the recommendation is only partly accepted"),
        ("not_accepted", "Enter why the recommendation is not accepted"),
    ],
)
def test_reasons_are_required_unless_the_recommendation_is_accepted(
    plan, client_as, response: str, message: str
) -> None:
    """ACTIONS: a response other than accepted needs its reasons."""
    answer = client_as("business_unit").post(
        page(plan, "actions:recommendation-add"), {"text": FATHERS, "response": response}
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "fathers and other male carers" in html  # what was typed is kept
    assert re.search(rf'value="{response}"\s*checked', html)
    assert not Recommendation.objects.exists()


def test_the_edit_form_marks_suggested_themes_and_refuses_a_stale_edit(
    recommendation, client_as
) -> None:
    client = client_as("business_unit")
    url = recommendation_page(recommendation, "actions:recommendation-edit")
    form = client.get(url).content.decode()
    assert "suggested: the text mentions" in form
    stale = recommendation.version
    first = client.post(url, {"text": "Changed once.", "response": "accepted", "version": stale})
    assert first.status_code == 302
    second = client.post(url, {"text": "Changed twice.", "response": "accepted", "version": stale})
    html = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this recommendation after you opened it" in html
    assert "Changed twice." in html
    recommendation.refresh_from_db()
    assert recommendation.text == "Changed once."


def test_an_action_is_added_through_the_form_and_a_wrong_owner_is_refused(
    recommendation, client_as, school, health, world
) -> None:
    client = client_as("business_unit")
    url = recommendation_page(recommendation, "actions:action-add")
    form = client.get(url).content.decode()
    assert "Health Lead (lead for Testshire Hospital)" in form
    _, health_lead = health
    values = {
        "what": "Revise the template.",
        "agency": school.pk,
        "owner": health_lead.pk,
        **date_fields("starts_on", dt.date(2026, 3, 2)),
        **date_fields("due_on", dt.date(2026, 6, 30)),
        "impact_measure": "An audit.",
    }
    refused = client.post(url, values)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Choose a named owner who leads" in html
    assert "Revise the template." in html
    assert not Action.objects.exists()
    values["owner"] = world.person("agency_lead").pk
    values.update(date_fields("due_on", dt.date(2026, 3, 1)))
    early = client.post(url, values).content.decode()
    assert "must be the same as or after the date it starts" in early
    values.update(date_fields("due_on", dt.date(2026, 6, 30)))
    assert client.post(url, values).status_code == 302
    action = Action.objects.get()
    assert (action.agency, action.owner) == (school, world.person("agency_lead"))


def test_immediate_actions_come_into_the_plan_as_accepted_recommendations(
    plan, client_as, school, bu
) -> None:
    rapid_review = plan.case.rapid_review
    item = immediate_action_add(
        rapid_review=rapid_review,
        by=bu,
        action="Check the siblings are seen by a paediatrician.",
        owner_agency=school,
        owner_name="Head teacher",
        due_on=dt.date(2026, 3, 9),
    )
    client = client_as("business_unit")
    assert page(plan, "actions:bring-in") in client.get(page(plan)).content.decode()
    response = client.post(page(plan, "actions:bring-in"), {"immediate_actions": [str(item.pk)]})
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.source == "rapid_review"
    assert recommendation.response == "accepted"
    assert recommendation.immediate_action == item
    form = client.get(recommendation_page(recommendation, "actions:action-add")).content.decode()
    assert "Check the siblings are seen by a paediatrician." in form  # the action, to start from
    assert client.get(page(plan, "actions:bring-in")).status_code == 302  # nothing left


def test_a_partner_signs_off_through_the_form(plan, action, partners, client) -> None:
    client.force_login(partners["police"])
    plan.refresh_from_db()
    url = page(plan, "actions:sign-off")
    form = client.get(url)
    assert form.status_code == 200
    assert_well_formed(form.content.decode())
    response = client.post(url, {"statutory_partner": "police", "version": plan.version})
    assert response.status_code == 302
    assert "Sign-off recorded" in client.get(page(plan)).content.decode()
    assert client.get(url).status_code == 302  # nothing more to sign


def test_an_impact_review_with_a_future_date_keeps_what_was_typed(signed_plan, client_as) -> None:
    answer = client_as("safeguarding_partner").post(
        page(signed_plan, "actions:impact-review"),
        {**date_fields("reviewed_on", dt.date(2026, 3, 9)), "findings": "Fathers are seen."},
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "The date of the review must be today or in the past." in html
    assert "Fathers are seen." in html


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("actions:plan", "business_unit"),
        ("actions:plan", "agency_lead"),
        ("actions:recommendation-add", "business_unit"),
        ("actions:recommendation", "business_unit"),
        ("actions:recommendation-edit", "business_unit"),
        ("actions:action-add", "business_unit"),
        ("actions:action", "agency_lead"),
        ("actions:action-edit", "business_unit"),
        ("actions:action-update", "agency_lead"),
        ("actions:list", "business_unit"),
        ("actions:list", "agency_lead"),
    ],
)
def test_every_page_is_well_formed(plan, action, client_as, name: str, role: str) -> None:
    kwargs: dict[str, object] = {}
    if name.startswith("actions:recommendation") and name != "actions:recommendation-add":
        kwargs["recommendation_id"] = action.recommendation_id
    if name == "actions:action-add":
        kwargs["recommendation_id"] = action.recommendation_id
    if name in {"actions:action", "actions:action-edit", "actions:action-update"}:
        kwargs["action_id"] = action.pk
    if name == "actions:list":
        url = reverse(name, kwargs={"partnership_slug": plan.case.partnership.slug})
    else:
        url = page(plan, name, **kwargs)
    response = client_as(role).get(url)
    assert response.status_code == 200, url
    assert_well_formed(response.content.decode())


@pytest.mark.parametrize(
    "step",
    [
        ("actions:reopen", "business_unit"),
        ("actions:impact-review", "safeguarding_partner"),
        ("actions:close", "safeguarding_partner"),
        ("actions:sign-off", "safeguarding_partner"),
    ],
)
@pytest.mark.usefixtures("action")
def test_every_page_of_a_later_step_is_well_formed(
    plan, sign_all, partners, client_as, step: tuple[str, str]
) -> None:
    name, role = step
    if name != "actions:sign-off":
        plan = sign_all(plan)
    if name == "actions:close":
        impact_review_record(
            plan=plan, by=partners["police"], reviewed_on=dt.date(2026, 3, 2), findings="x"
        )
    response = client_as(role).get(page(plan, name))
    assert response.status_code == 200
    assert_well_formed(response.content.decode())


def test_each_page_view_is_audited(plan, action, client_as) -> None:
    client_as("agency_lead").get(action_page(action))
    event = AuditEvent.objects.filter(verb="action.viewed").get()
    assert event.object_id == str(action.pk)
    client_as("business_unit").get(page(plan))
    assert AuditEvent.objects.filter(verb="action_plan.viewed").count() == 1


def test_the_plan_page_shows_what_each_person_may_do(signed_plan, client_as, partners) -> None:
    bu_page = client_as("business_unit").get(page(signed_plan)).content.decode()
    assert page(signed_plan, "actions:reopen") in bu_page
    assert page(signed_plan, "actions:export-xlsx") in bu_page
    assert page(signed_plan, "actions:recommendation-add") not in bu_page  # signed off
    partner_page = client_as("safeguarding_partner").get(page(signed_plan)).content.decode()
    assert page(signed_plan, "actions:impact-review") in partner_page
    assert page(signed_plan, "actions:reopen") not in partner_page
    impact_review_record(
        plan=signed_plan,
        by=partners["local_authority"],
        reviewed_on=dt.date(2026, 3, 2),
        findings="Fathers are now seen at every assessment.",
    )
    partner_page = client_as("safeguarding_partner").get(page(signed_plan)).content.decode()
    assert "Fathers are now seen at every assessment." in partner_page
    assert page(signed_plan, "actions:close") in partner_page
    signed_plan.refresh_from_db()
    assert signed_plan.state == PlanState.IMPACT_REVIEWED


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("actions:recommendation-add", "The plan has been signed off"),
        ("actions:recommendation-edit", "The plan has been signed off"),
        ("actions:action-add", "The plan has been signed off"),
        ("actions:action-edit", "The plan has been signed off"),
        ("actions:close", "The partners must review the"),
    ],
)
def test_a_page_the_plans_state_does_not_allow_goes_back_to_the_plan(
    signed_plan, action, client_as, name: str, reason: str
) -> None:
    kwargs: dict[str, object] = {}
    if name in {"actions:recommendation-edit", "actions:action-add"}:
        kwargs["recommendation_id"] = action.recommendation_id
    if name == "actions:action-edit":
        kwargs["action_id"] = action.pk
    role = "safeguarding_partner" if name == "actions:close" else "business_unit"
    client = client_as(role)
    response = client.get(page(signed_plan, name, **kwargs))
    assert response.status_code == 302
    assert response["Location"] == page(signed_plan)
    assert reason in client.get(response["Location"]).content.decode()
