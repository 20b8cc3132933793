"""Where a product was delivered: team, date, how many attended, who delivered it (SOURCES.md
§3.7: agencies record their use of a 7-minute briefing). Recorded once it is approved; the list
of deliveries is paginated and costs the same queries however long."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspr.audit.models import AuditEvent
from cspr.briefings import selectors, services
from cspr.briefings.models import BriefingDelivery
from cspr.core.errors import DomainError
from tests.briefings.conftest import url
from tests.factories import AgencyFactory


def deliver(product, by, **overrides):
    values = {
        "team": "Health visiting, north locality",
        "delivered_on": dt.date(2026, 3, 2),
        "attendees": 12,
        "delivered_by": "Team manager",
        "agency": None,
        "notes": "",
        **overrides,
    }
    return services.delivery_record(product=product, by=by, **values)


@pytest.fixture
def approved(seven, partner):
    return services.product_approve(product=seven, by=partner)


def test_a_delivery_is_recorded_and_counted(approved, bu, world) -> None:
    agency = world.partnership.agencies.first()
    delivery = deliver(approved, bu, agency=agency, notes="Agreed to use the protocol.")
    deliver(approved, bu, team="Early help", attendees=5)
    assert delivery.recorded_by == bu
    assert delivery.agency == agency
    summary = selectors.delivery_summary(approved)
    assert (summary.times, summary.attendees) == (2, 17)
    event = AuditEvent.objects.filter(verb="briefing_delivery.recorded").order_by("pk").first()
    assert event is not None
    assert event.data == {"review": approved.review_id, "product": approved.pk, "attendees": 12}


def test_a_draft_is_not_delivered(seven, bu) -> None:
    with pytest.raises(DomainError, match="once it is approved"):
        deliver(seven, bu)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"team": " "}, "team", "Enter the team it was delivered to."),
        ({"delivered_by": ""}, "delivered_by", "Enter who delivered it."),
        ({"attendees": 0}, "attendees", "must be 1 or more"),
        ({"delivered_on": dt.date(2026, 3, 3)}, "delivered_on", "today or in the past"),
        ({"delivered_on": dt.date(2026, 3, 1)}, "delivered_on", "on or after the day it was"),
    ],
)
def test_a_delivery_is_checked(approved, bu, overrides, field, message) -> None:
    with pytest.raises(DomainError, match=message) as refused:
        deliver(approved, bu, **overrides)
    assert refused.value.field == field


def test_an_agency_of_another_partnership_is_refused(approved, bu, other_world) -> None:
    with pytest.raises(DomainError, match="Choose an agency of this partnership"):
        deliver(approved, bu, agency=AgencyFactory(partnership=other_world.partnership))


def test_recording_a_delivery_by_the_page(approved, client_as) -> None:
    client = client_as("business_unit")
    response = client.post(
        url(approved, "briefings:delivery-add"),
        {
            "team": "Children's social care, duty team",
            "delivered_on_0": "2",
            "delivered_on_1": "3",
            "delivered_on_2": "2026",
            "attendees": "9",
            "delivered_by": "Practice lead",
            "notes": "",
            "agency": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(approved, "briefings:deliveries")
    html = client.get(response["Location"]).content.decode()
    assert "Children&#x27;s social care, duty team" in html
    assert "1 delivery, latest first" in html


def test_a_delivery_form_keeps_what_was_typed(approved, client_as) -> None:
    response = client_as("business_unit").post(
        url(approved, "briefings:delivery-add"),
        {"team": "Early help", "attendees": "0", "delivered_by": "Lead"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The number of people who attended must be 1 or more" in html
    assert 'value="Early help"' in html
    assert "Enter the date it was delivered" in html


def test_the_deliveries_page_costs_the_same_queries_with_twice_the_rows(
    approved, bu, client_as
) -> None:
    client = client_as("safeguarding_partner")
    for n in range(5):
        deliver(approved, bu, team=f"Team {n}")
    with CaptureQueriesContext(connection) as few:
        assert "5 deliveries" in client.get(url(approved, "briefings:deliveries")).content.decode()
    for n in range(5):
        deliver(approved, bu, team=f"Team {n + 5}")
    with CaptureQueriesContext(connection) as many:
        assert "10 deliveries" in client.get(url(approved, "briefings:deliveries")).content.decode()
    assert len(many) == len(few)
    assert BriefingDelivery.objects.count() == 10


def test_the_deliveries_page_is_paginated(approved, bu, client_as) -> None:
    BriefingDelivery.objects.bulk_create(
        BriefingDelivery(
            product=approved,
            team=f"Team {n}",
            delivered_on=dt.date(2026, 3, 2),
            attendees=3,
            delivered_by="Lead",
            recorded_by=bu,
        )
        for n in range(30)
    )
    client = client_as("business_unit")
    first = client.get(url(approved, "briefings:deliveries")).content.decode()
    second = client.get(url(approved, "briefings:deliveries") + "?page=2").content.decode()
    assert first.count('<td class="govuk-table__cell govuk-table__cell--numeric">3</td>') == 25
    assert second.count('<td class="govuk-table__cell govuk-table__cell--numeric">3</td>') == 5
    assert 'aria-label="Pages"' in first
