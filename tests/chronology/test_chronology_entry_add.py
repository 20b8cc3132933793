"""Adding an entry by form: who may add for which agency, and what the form keeps when it
refuses."""

import datetime as dt

import pytest

from cspr.audit.models import AuditEvent
from cspr.chronology.models import ChronologyEntry, Significance
from cspr.chronology.services import chronology_entry_add
from cspr.core.errors import DomainError
from cspr.reviews.services import terms_draft
from tests.chronology.conftest import chronology_url, entry_values


def form_data(agency, **overrides) -> dict[str, object]:
    return {
        "agency": agency.pk,
        "occurred_on_0": "5",
        "occurred_on_1": "1",
        "occurred_on_2": "2026",
        "occurred_at_time": "14:30",
        "occurred_until_0": "",
        "occurred_until_1": "",
        "occurred_until_2": "",
        "source": "School safeguarding log",
        "people_involved": "Child R; mother",
        "what_happened": "Child R arrived late with a bruise to the cheek.",
        "what_was_done": "Designated safeguarding lead informed.",
        "significance": Significance.KEY_PRACTICE_EPISODE,
        **overrides,
    }


def test_the_business_unit_adds_an_entry_by_form(cspr, client_as, school) -> None:
    response = client_as("business_unit").post(chronology_url(cspr, "add"), form_data(school))
    assert response.status_code == 302
    assert response["Location"] == chronology_url(cspr)
    entry = ChronologyEntry.objects.get()
    assert (entry.occurred_on, entry.occurred_at_time) == (dt.date(2026, 1, 5), dt.time(14, 30))
    assert entry.agency == school
    assert entry.significance == Significance.KEY_PRACTICE_EPISODE
    assert entry.match_key == "child r arrived late with a bruise to the cheek"
    event = AuditEvent.objects.filter(verb="chronology_entry.added").get()
    assert event.data == {"review": cspr.pk, "agency": school.pk}


def test_a_form_error_keeps_what_was_typed(cspr, client_as, school) -> None:
    data = form_data(
        school,
        occurred_at_time="25:00",
        occurred_until_0="1",
        occurred_until_1="1",
        occurred_until_2="2026",
        what_happened="Seen at the walk-in centre with Ms Testparent.",
    )
    response = client_as("business_unit").post(chronology_url(cspr, "add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the time in the 24-hour clock, like 14:30" in html
    assert "The end date must be the same as or after the date" in html
    assert "Seen at the walk-in centre with Ms Testparent." in html
    assert 'value="25:00"' in html
    assert not ChronologyEntry.objects.exists()


def test_a_date_in_the_future_is_refused(cspr, client_as, school) -> None:
    data = form_data(school, occurred_on_0="3", occurred_on_1="3", occurred_on_2="2026")
    response = client_as("business_unit").post(chronology_url(cspr, "add"), data)
    assert "The date must be today or in the past" in response.content.decode()
    assert not ChronologyEntry.objects.exists()


def test_an_agency_lead_adds_for_their_own_agency(cspr, client_as, school) -> None:
    response = client_as("agency_lead").post(chronology_url(cspr, "add"), form_data(school))
    assert response.status_code == 302
    assert ChronologyEntry.objects.get().added_by.full_name.startswith("Agency lead")


def test_an_agency_lead_cannot_add_for_another_agency(cspr, client_as, health) -> None:
    agency, _lead = health
    response = client_as("agency_lead").post(chronology_url(cspr, "add"), form_data(agency))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ChronologyEntry.objects.exists()


def test_the_service_refuses_another_agency_for_an_agency_lead(cspr, world, health) -> None:
    agency, _lead = health
    with pytest.raises(DomainError, match="your own agency only"):
        chronology_entry_add(
            review=cspr, by=world.person("agency_lead"), values=entry_values(agency)
        )


def test_the_commissioned_reviewer_adds_for_any_agency(cspr, commission, client_as, health) -> None:
    agency, _lead = health
    response = client_as("reviewer").post(chronology_url(cspr, "add"), form_data(agency))
    assert response.status_code == 302
    assert ChronologyEntry.objects.get().agency == agency


@pytest.mark.parametrize("role", ["safeguarding_partner"])
def test_partners_see_but_do_not_add(cspr, client_as, role: str) -> None:
    client = client_as(role)
    assert client.get(chronology_url(cspr)).status_code == 200
    assert client.get(chronology_url(cspr, "add")).status_code == 403
    assert client.get(chronology_url(cspr, "import")).status_code == 403


def test_a_reviewer_without_a_commission_sees_nothing(cspr, client_as) -> None:
    assert client_as("reviewer").get(chronology_url(cspr)).status_code == 404


@pytest.mark.parametrize("role", ["administrator", "independent_scrutineer"])
def test_others_of_the_partnership_see_nothing(cspr, client_as, role: str) -> None:
    assert client_as(role).get(chronology_url(cspr)).status_code == 404


def test_a_lead_of_an_agency_not_in_scope_sees_nothing(cspr, health, client) -> None:
    _agency, lead = health
    client.force_login(lead)
    assert client.get(chronology_url(cspr)).status_code == 404


def test_a_lead_of_an_agency_in_the_terms_of_reference_adds_for_it(
    cspr, world, health, client
) -> None:
    """The agency was not invited to the Rapid Review; the terms of reference bring it in."""
    agency, lead = health
    terms_draft(
        review=cspr,
        by=world.person("business_unit"),
        scope_from=dt.date(2025, 1, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="How agencies shared information.",
        agencies=[agency],
    )
    client.force_login(lead)
    assert client.get(chronology_url(cspr)).status_code == 200
    response = client.post(chronology_url(cspr, "add"), form_data(agency))
    assert response.status_code == 302
    assert ChronologyEntry.objects.get().agency == agency


def test_nothing_is_added_once_the_review_is_no_longer_under_way(
    cspr, world, client_as, school
) -> None:
    cspr.state = "report_final"
    cspr.save(update_fields=["state"])
    client = client_as("business_unit")
    assert client.get(chronology_url(cspr, "add")).status_code == 403
    with pytest.raises(DomainError, match="only while the review is under way"):
        chronology_entry_add(
            review=cspr, by=world.person("business_unit"), values=entry_values(school)
        )
    page = client.get(chronology_url(cspr)).content.decode()
    assert "no longer under way" in page
    assert "Add an entry" not in page
