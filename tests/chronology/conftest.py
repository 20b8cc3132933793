"""Fixtures for the chronology: time frozen to Monday 2 March 2026, the local CSPR of the
shared fixtures (the school, whose lead is the world's agency lead, was invited to its Rapid
Review), and quick ways to make entries and URLs."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from cspr.accounts.models import User
from cspr.chronology.duplicates import match_key
from cspr.chronology.models import ChronologyEntry, Significance
from cspr.partnerships.models import Agency
from cspr.reviews.models import Review


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


def chronology_url(review: Review, name: str = "list", **kwargs: Any) -> str:
    case = review.case
    return reverse(
        f"chronology:{name}",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


def entry_values(agency: Agency, **overrides: Any) -> dict[str, Any]:
    return {
        "agency": agency,
        "occurred_on": dt.date(2026, 1, 5),
        "occurred_at_time": None,
        "occurred_until": None,
        "source": "School safeguarding log",
        "people_involved": "Child R; mother (Ms Testparent)",
        "what_happened": "Child R arrived late with a bruise to the cheek.",
        "what_was_done": "Designated safeguarding lead informed.",
        "significance": Significance.OF_NOTE,
        **overrides,
    }


def make_entries(
    review: Review, agency: Agency, by: User, count: int, **overrides: Any
) -> list[ChronologyEntry]:
    """``count`` entries, one a day back from 1 February 2026, made with bulk_create."""
    start = dt.date(2026, 2, 1)
    entries = []
    for n in range(count):
        values = entry_values(
            agency,
            occurred_on=start - dt.timedelta(days=n % 3650),
            what_happened=f"Contact number {n} with the family.",
            significance=Significance.ROUTINE,
        )
        values.update(overrides)
        entries.append(
            ChronologyEntry(
                review=review, added_by=by, match_key=match_key(values["what_happened"]), **values
            )
        )
    return ChronologyEntry.objects.bulk_create(entries, batch_size=1000)


@pytest.fixture
def entries_for(cspr: Review, world: Any) -> Callable[..., list[ChronologyEntry]]:
    def make(agency: Agency, count: int, by: User | None = None, **overrides: Any) -> list[Any]:
        return make_entries(cspr, agency, by or world.person("business_unit"), count, **overrides)

    return make
