"""The partnership's audit trail page: views are recorded, the page filters by person,
record and date, and its query count does not grow with the trail."""

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.audit.services import audit_record
from tests.conftest import PartnershipWorld


def trail_url(world: PartnershipWorld) -> str:
    return reverse("audit:trail", kwargs={"partnership_slug": world.partnership.slug})


def test_viewing_a_page_of_partnership_data_writes_a_view_event(
    world: PartnershipWorld, client_as
) -> None:
    client_as("administrator").get(
        reverse("partnerships:people", kwargs={"partnership_slug": world.partnership.slug})
    )
    event = AuditEvent.objects.get(verb="people.viewed")
    assert event.actor == world.person("administrator")
    assert event.partnership == world.partnership
    assert event.action == AuditEvent.Action.VIEW


def test_a_refused_page_writes_no_view_event(world: PartnershipWorld, client_as) -> None:
    client_as("reviewer").get(trail_url(world))
    assert not AuditEvent.objects.filter(verb="audit_trail.viewed").exists()


def test_the_trail_filters_by_person_and_date(world: PartnershipWorld, client_as) -> None:
    admin, lead = world.person("administrator"), world.person("agency_lead")
    agency = world.partnership.agencies.first()
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)):
        audit_record(by=admin, verb="agency.updated", obj=agency, data={"fields": ["kind"]})
    with time_machine.travel(dt.datetime(2026, 2, 5, 10, tzinfo=dt.UTC)):
        audit_record(by=lead, verb="agency.viewed", obj=agency)
    client = client_as("business_unit")
    by_admin = client.get(trail_url(world), {"actor": admin.pk}).content.decode()
    assert "agency.updated: kind" in by_admin
    assert "agency.viewed" not in by_admin
    in_february = client.get(
        trail_url(world), {"date_from": "2026-02-01", "date_to": "2026-02-28"}
    ).content.decode()
    assert "agency.viewed" in in_february
    assert "agency.updated" not in in_february


def test_a_backwards_date_range_is_explained(world: PartnershipWorld, client_as) -> None:
    page = client_as("business_unit").get(
        trail_url(world), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "govuk-error-summary" in page.content.decode()
    assert "must be the same as or after" in page.content.decode()


def test_another_partnerships_events_never_appear(
    world: PartnershipWorld, other_world: PartnershipWorld, client_as
) -> None:
    audit_record(
        by=other_world.person("administrator"), verb="secret.viewed", obj=other_world.partnership
    )
    assert "secret.viewed" not in client_as("business_unit").get(trail_url(world)).content.decode()


def test_query_count_does_not_grow_with_the_trail(world: PartnershipWorld, client_as) -> None:
    client = client_as("safeguarding_partner")
    agency = world.partnership.agencies.first()

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(trail_url(world)).status_code == 200
        return len(queries)

    for person in world.people.values():
        audit_record(by=person, verb="agency.viewed", obj=agency)
    few = queries_for_page()
    for _ in range(3):
        for person in world.people.values():
            audit_record(by=person, verb="agency.viewed", obj=agency)
    assert queries_for_page() == few
