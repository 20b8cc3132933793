"""Changing and deleting an entry: who added it or the business unit, while the review is
under way; optimistic locking; confirm on GET, act on POST."""

import pytest

from cspr.audit.models import AuditEvent
from cspr.chronology.models import ChronologyEntry, Significance
from cspr.chronology.services import chronology_entry_update
from cspr.core.errors import StaleEdit
from tests.chronology.conftest import chronology_url, entry_values
from tests.chronology.test_chronology_entry_add import form_data


def test_who_added_it_changes_it(cspr, world, school, client_as, entries_for) -> None:
    entry = entries_for(school, 1, by=world.person("agency_lead"))[0]
    client = client_as("agency_lead")
    page = client.get(chronology_url(cspr, "edit", entry_id=entry.pk)).content.decode()
    assert "Contact number 0 with the family." in page
    data = form_data(
        school, what_happened="Changed account.", version=entry.version, occurred_at_time=""
    )
    response = client.post(chronology_url(cspr, "edit", entry_id=entry.pk), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.what_happened == "Changed account."
    assert entry.match_key == "changed account"
    assert entry.version == 2
    event = AuditEvent.objects.filter(verb="chronology_entry.updated").get()
    assert "what_happened" in event.data["fields"]
    assert "Changed account." not in str(event.data)


def test_an_agency_lead_cannot_change_the_business_unit_s_entry(
    cspr, school, client_as, entries_for
) -> None:
    entry = entries_for(school, 1)[0]
    client = client_as("agency_lead")
    assert client.get(chronology_url(cspr, "edit", entry_id=entry.pk)).status_code == 403
    assert client.post(chronology_url(cspr, "delete", entry_id=entry.pk)).status_code == 403
    assert ChronologyEntry.objects.filter(pk=entry.pk).exists()


def test_an_agency_lead_cannot_find_another_agency_s_entry(
    cspr, health, client_as, entries_for
) -> None:
    agency, _lead = health
    entry = entries_for(agency, 1)[0]
    client = client_as("agency_lead")
    assert client.get(chronology_url(cspr, "edit", entry_id=entry.pk)).status_code == 404


def test_the_business_unit_changes_anyone_s_entry(
    cspr, world, school, client_as, entries_for
) -> None:
    entry = entries_for(school, 1, by=world.person("agency_lead"))[0]
    data = form_data(school, significance=Significance.ROUTINE, version=entry.version)
    response = client_as("business_unit").post(
        chronology_url(cspr, "edit", entry_id=entry.pk), data
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.significance == Significance.ROUTINE


def test_a_second_editor_is_refused_and_keeps_what_they_typed(
    cspr, world, school, client_as, entries_for
) -> None:
    entry = entries_for(school, 1)[0]
    chronology_entry_update(
        entry=entry,
        by=world.person("business_unit"),
        values=entry_values(school, what_happened="First editor."),
        expected_version=1,
    )
    data = form_data(school, what_happened="Second editor's words.", version=1)
    response = client_as("business_unit").post(
        chronology_url(cspr, "edit", entry_id=entry.pk), data
    )
    html = response.content.decode()
    assert "Someone else saved this record" in html
    assert "Second editor&#x27;s words." in html
    entry.refresh_from_db()
    assert entry.what_happened == "First editor."


def test_the_service_refuses_a_stale_version(cspr, world, school, entries_for) -> None:
    entry = entries_for(school, 1)[0]
    with pytest.raises(StaleEdit):
        chronology_entry_update(
            entry=entry,
            by=world.person("business_unit"),
            values=entry_values(school),
            expected_version=7,
        )


def test_delete_asks_first_then_deletes(cspr, world, school, client_as, entries_for) -> None:
    entry = entries_for(school, 1, by=world.person("agency_lead"))[0]
    client = client_as("agency_lead")
    url = chronology_url(cspr, "delete", entry_id=entry.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "Delete the entry" in page.content.decode()
    assert ChronologyEntry.objects.filter(pk=entry.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not ChronologyEntry.objects.filter(pk=entry.pk).exists()
    event = AuditEvent.objects.filter(verb="chronology_entry.deleted").get()
    assert event.object_id == str(entry.pk)
    assert event.action == AuditEvent.Action.DELETE
