"""The merged chronology: filters (posted, kept in the session, never in the URL), order,
possible duplicates across agencies, and what each person sees."""

import datetime as dt
import re

from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.chronology.duplicates import alike, match_key
from cspr.chronology.models import Significance
from tests.chronology.conftest import chronology_url
from tests.core.test_page_structure import assert_well_formed

NO_FILTERS = {
    "agency": "",
    "date_from": "",
    "date_to": "",
    "person": "",
    "significance": "",
    "sort": "date",
}


def accounts(html: str) -> list[str]:
    """What happened, row by row, as the page shows it."""
    paragraph = (
        r'<p class="govuk-body-s govuk-!-margin-bottom-2 cspr-preserve-lines cspr-break-words">'
    )
    return re.findall(paragraph + r"([^<]*)</p>", html)


def apply(client, review, **filters: str) -> str:
    response = client.post(chronology_url(review), {**NO_FILTERS, **filters})
    assert response.status_code == 302
    assert response["Location"] == chronology_url(review)  # nothing typed goes in the URL
    return client.get(response["Location"]).content.decode()


def test_the_page_is_well_formed_and_audited(cspr, client_as, school, entries_for) -> None:
    entries_for(school, 2)
    response = client_as("business_unit").get(chronology_url(cspr))
    assert_well_formed(response.content.decode())
    assert AuditEvent.objects.filter(verb="chronology.viewed").exists()


def test_filters_by_agency_period_person_and_significance(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    entries_for(school, 1, occurred_on=dt.date(2025, 6, 1), what_happened="School one.")
    entries_for(
        hospital,
        1,
        occurred_on=dt.date(2025, 7, 1),
        what_happened="Hospital one.",
        people_involved="Grandmother Testgran",
        significance=Significance.KEY_PRACTICE_EPISODE,
    )
    entries_for(
        hospital,
        1,
        occurred_on=dt.date(2025, 5, 1),
        occurred_until=dt.date(2025, 6, 15),
        what_happened="Hospital period.",
    )
    client = client_as("business_unit")
    assert accounts(apply(client, cspr, agency=str(hospital.pk))) == [
        "Hospital period.",
        "Hospital one.",
    ]
    # A period keeps the entries that overlap it.
    assert accounts(apply(client, cspr, date_from="2025-06-10", date_to="2025-06-30")) == [
        "Hospital period."
    ]
    assert accounts(apply(client, cspr, person="testgran")) == ["Hospital one."]
    page = apply(client, cspr, significance=Significance.KEY_PRACTICE_EPISODE)
    assert accounts(page) == ["Hospital one."]
    assert "1 entry match the filters" in page
    assert '<details class="govuk-details" open>' in page
    cleared = client.post(chronology_url(cspr), {"clear": "1"})
    assert len(accounts(client.get(cleared["Location"]).content.decode())) == 3


def test_sorts_by_date_either_way_and_by_agency(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    entries_for(school, 1, occurred_on=dt.date(2025, 6, 1), what_happened="B school.")
    entries_for(hospital, 1, occurred_on=dt.date(2025, 5, 1), what_happened="A hospital.")
    entries_for(
        school,
        1,
        occurred_on=dt.date(2025, 5, 1),
        occurred_at_time=dt.time(9, 0),
        what_happened="C school, timed.",
    )
    client = client_as("business_unit")
    assert accounts(apply(client, cspr, sort="date")) == [
        "A hospital.",
        "C school, timed.",
        "B school.",
    ]
    assert accounts(apply(client, cspr, sort="-date")) == [
        "B school.",
        "C school, timed.",
        "A hospital.",
    ]
    # "Northshire Test SCP School" sorts before "Testshire Hospital".
    assert accounts(apply(client, cspr, sort="agency")) == [
        "C school, timed.",
        "B school.",
        "A hospital.",
    ]


def test_a_bad_filter_is_explained(cspr, client_as) -> None:
    response = client_as("business_unit").post(
        chronology_url(cspr), {**NO_FILTERS, "date_from": "2025-07-01", "date_to": "2025-06-01"}
    )
    assert response.status_code == 200
    assert "The &#x27;to&#x27; date must be the same as or after" in response.content.decode()


def test_possible_duplicates_across_agencies_are_marked(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    day = dt.date(2025, 6, 1)
    school_entry = entries_for(
        school, 1, occurred_on=day, what_happened="Joint home visit: mother and Child R seen."
    )[0]
    hospital_entry = entries_for(
        hospital, 1, occurred_on=day, what_happened="joint home-visit, Mother & child R seen"
    )[0]
    entries_for(school, 1, occurred_on=day, what_happened="Joint home visit: mother seen.")
    entries_for(hospital, 1, occurred_on=dt.date(2025, 6, 2), what_happened="Joint home visit.")
    html = client_as("business_unit").get(chronology_url(cspr)).content.decode()
    # Each school entry is marked; the hospital's, with its most alike entry of the school.
    assert html.count("Possible duplicate") == 3
    assert f'href="#entry-{hospital_entry.pk}">an entry by Testshire Hospital' in html
    assert f'href="#entry-{school_entry.pk}">an entry by {school.name}' in html


def test_near_identical_accounts_match() -> None:
    assert match_key("  Home visit: MOTHER (Ms X) not in!! ") == "home visit mother ms x not in"
    assert match_key("Visite à domicile") == "visite a domicile"
    assert alike(match_key("Home visit, mother not in."), match_key("Home visit - mother not in"))
    assert alike(
        match_key("Mother attended A&E with Child R"), match_key("Mother attened A+E with child R")
    )
    assert not alike(match_key("Mother attended A&E"), match_key("Police attended the home"))
    assert not alike("", "")


def test_an_agency_lead_sees_only_their_own_agency_s_entries(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    day = dt.date(2025, 6, 1)
    entries_for(school, 1, occurred_on=day, what_happened="Joint home visit.")
    entries_for(hospital, 1, occurred_on=day, what_happened="Joint home visit.")
    html = client_as("agency_lead").get(chronology_url(cspr)).content.decode()
    assert accounts(html) == ["Joint home visit."]
    assert "Testshire Hospital" not in html
    assert "Possible duplicate" not in html
    assert "You see your own agency's entries" in html


def test_pages_of_fifty(cspr, client_as, school, entries_for) -> None:
    entries_for(school, 120)
    client = client_as("business_unit")
    first = client.get(chronology_url(cspr)).content.decode()
    assert len(accounts(first)) == 50
    assert "Page 1 of 3" in first
    last = client.get(chronology_url(cspr) + "?page=3").content.decode()
    assert len(accounts(last)) == 20


def test_the_back_link_goes_where_the_person_can_go(cspr, client_as) -> None:
    case = cspr.case
    case_page = reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    html = client_as("agency_lead").get(chronology_url(cspr)).content.decode()
    assert f'<a href="{case_page}" class="govuk-back-link">Back</a>' in html
    html = client_as("business_unit").get(chronology_url(cspr)).content.decode()
    assert f'<a href="{case_page}review/" class="govuk-back-link">Back</a>' in html
