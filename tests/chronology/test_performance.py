"""The chronology stays quick however long it is: the merged view's query count does not grow
with the entries, and a page holds 50 rows. No timings here (see bench/bench_chronology.py)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspr.chronology.models import ChronologyEntry, Significance
from cspr.chronology.selectors import PAGE_SIZE
from tests.chronology.conftest import chronology_url
from tests.chronology.test_chronology_page import NO_FILTERS, accounts


def queries_for(client, url: str) -> int:
    client.get(url)  # the session and anything cached settle first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["business_unit", "agency_lead", "reviewer"])
def test_the_page_s_query_count_does_not_grow_with_the_entries(
    cspr, commission, client_as, *, school, health, entries_for, role: str
) -> None:
    hospital, _lead = health
    client = client_as(role)
    url = chronology_url(cspr)
    entries_for(school, 30, significance=Significance.KEY_PRACTICE_EPISODE)
    entries_for(hospital, 30)  # same days and words as the school's: all possible duplicates
    before = queries_for(client, url)
    timeline_before = queries_for(client, chronology_url(cspr, "timeline"))
    entries_for(school, 60, significance=Significance.KEY_PRACTICE_EPISODE)
    entries_for(hospital, 60)
    assert queries_for(client, url) == before
    assert queries_for(client, chronology_url(cspr, "timeline")) == timeline_before


def test_twenty_thousand_entries(cspr, client_as, school, health, entries_for) -> None:
    """20,000 entries of two agencies over ten years (bulk_create): the first, a middle and the
    last page, filtered and sorted, each with the same few queries and 50 rows."""
    hospital, _lead = health
    entries_for(school, 10_000, significance=Significance.KEY_PRACTICE_EPISODE)
    entries_for(hospital, 10_000)
    assert ChronologyEntry.objects.filter(review=cspr).count() == 20_000
    client = client_as("business_unit")
    url = chronology_url(cspr)
    baseline = queries_for(client, url)
    assert baseline <= 25
    for page in (2, 200, 400):
        assert queries_for(client, f"{url}?page={page}") == baseline
    html = client.get(f"{url}?page=400").content.decode()
    assert len(accounts(html)) == PAGE_SIZE
    assert "Page 400 of 400" in html
    # Every entry of the hospital has a twin of the school on the same day.
    assert html.count("Possible duplicate") == PAGE_SIZE
    for filters in (
        {"sort": "-date"},
        {"sort": "agency"},
        {"agency": str(hospital.pk)},
        {"person": "testparent", "date_from": "2020-01-01"},
        {"significance": Significance.KEY_PRACTICE_EPISODE, "date_to": "2024-12-31"},
    ):
        client.post(url, {**NO_FILTERS, **filters})
        assert queries_for(client, url) == baseline
        assert len(accounts(client.get(url).content.decode())) == PAGE_SIZE
    client.post(url, {**NO_FILTERS, "date_from": "2026-01-31"})
    # 31 January and 1 February: three entries of each agency a day.
    assert len(accounts(client.get(url).content.decode())) == 2 * 6


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="PostgreSQL's planner picks indexes from table statistics, which a test's few rows "
    "do not have; SQLite's choice is deterministic",
)
def test_the_merged_view_uses_the_indexes(cspr, school, entries_for) -> None:
    """The queries of the page are answered from the (review, occurred_on, id),
    (review, agency, occurred_on) and (review, significance, occurred_on) indexes."""
    entries_for(school, 50)
    plans = {
        "chronology_by_date": ChronologyEntry.objects.filter(review=cspr).order_by(
            "occurred_on", "id"
        ),
        "chronology_by_agency": ChronologyEntry.objects.filter(review=cspr, agency=school),
        "chronology_by_significance": ChronologyEntry.objects.filter(
            review=cspr, significance=Significance.ROUTINE, occurred_on__gte=dt.date(2025, 1, 1)
        ),
    }
    for index, queryset in plans.items():
        assert index in queryset.explain(), index
