"""The partnership's actions list (filters, paging, constant queries), the plan page's
constant queries, and overdue actions on the business unit's and the owner's home pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.actions.services.actions import action_update_record
from tests.actions.conftest import action_page, page


def list_url(world, **query: str) -> str:
    url = reverse("actions:list", kwargs={"partnership_slug": world.partnership.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def mixed(signed_plan, action, health_action, frozen_today):
    """On 1 July 2026: the school's action overdue, the hospital's complete."""
    health_action.refresh_from_db()
    action_update_record(
        action=health_action,
        by=health_action.owner,
        text="Trained.",
        status="complete",
        impact_evidence="",
        files=[],
        expected_version=health_action.version,
    )
    frozen_today.move_to(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC))
    return action, health_action


def test_the_list_filters_by_status_as_shown_and_by_agency(mixed, client_as, world, school):
    action, health_action = mixed
    client = client_as("business_unit")
    everything = client.get(list_url(world)).content.decode()
    assert "2 actions, unfinished ones first" in everything
    assert everything.index(action_page(action)) < everything.index(action_page(health_action))
    overdue = client.get(list_url(world, status="overdue")).content.decode()
    assert action_page(action) in overdue
    assert action_page(health_action) not in overdue
    not_started = client.get(list_url(world, status="not_started")).content.decode()
    assert "No actions match." in not_started  # the school's is overdue, not "not started"
    complete = client.get(list_url(world, status="complete")).content.decode()
    assert action_page(health_action) in complete
    by_agency = client.get(list_url(world, agency=str(school.pk))).content.decode()
    assert action_page(action) in by_agency
    assert action_page(health_action) not in by_agency


def test_an_agency_lead_lists_only_their_agencys_actions(mixed, client_as, world) -> None:
    action, health_action = mixed
    html = client_as("agency_lead").get(list_url(world)).content.decode()
    assert action_page(action) in html
    assert action_page(health_action) not in html
    assert client_as("independent_scrutineer").get(list_url(world)).status_code == 403
    assert client_as("administrator").get(list_url(world)).status_code == 403


def test_the_navigation_offers_the_list_to_those_who_may_see_it(mixed, client_as, world):
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert list_url(world) in client_as("agency_lead").get(home).content.decode()
    assert list_url(world) not in client_as("administrator").get(home).content.decode()


@pytest.mark.parametrize("role", ["business_unit", "agency_lead", "safeguarding_partner"])
def test_the_list_query_count_does_not_grow_with_the_actions(
    plan, add_recommendation, add_action, client_as, role: str
) -> None:
    recommendation = add_recommendation(plan)
    client = client_as(role)
    url = reverse("actions:list", kwargs={"partnership_slug": plan.case.partnership.slug})
    client.get(url)  # the first page of a session also saves the session

    def add(n: int) -> None:
        for _ in range(n):
            add_action(recommendation)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(3)
    few = count()
    add(3)
    assert count() == few


def test_the_plan_page_query_count_does_not_grow_with_the_plan(
    plan, add_recommendation, add_action, client_as
) -> None:
    client = client_as("business_unit")
    client.get(page(plan))  # the first page of a session also saves the session

    def add(n: int) -> None:
        for _ in range(n):
            add_action(add_recommendation(plan), what="An action.")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(plan)).status_code == 200
        return len(queries)

    add(2)
    few = count()
    add(2)
    assert count() == few


def test_the_list_pages(plan, add_recommendation, add_action, client_as, world) -> None:
    recommendation = add_recommendation(plan)
    for _ in range(26):
        add_action(recommendation)
    client = client_as("business_unit")
    first = client.get(list_url(world)).content.decode()
    assert "26 actions" in first
    assert 'rel="next"' in first
    second = client.get(list_url(world, page="2")).content.decode()
    assert "Action 1.26" in second


def test_overdue_actions_are_on_the_owners_and_the_business_units_home(
    mixed, client_as, world
) -> None:
    action, _ = mixed
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    owner = client_as("agency_lead").get(home).content.decode()
    assert "An action you own is overdue" in owner
    assert action_page(action) in owner
    bu = client_as("business_unit").get(home).content.decode()
    assert "1 action of the partnership is overdue" in bu
    assert action_page(action) in bu
    assert list_url(world, status="overdue") in bu
    partner = client_as("safeguarding_partner").get(home).content.decode()
    assert "Overdue actions" not in partner  # neither the owner nor the business unit
