"""Who may see, add and change chronology entries: role by scope by action, refusals as well
as grants."""

import pytest
import rules

from cspr.chronology.models import ChronologyEntry
from cspr.chronology.permissions import changeable_ids

ROLES = [
    "business_unit",
    "safeguarding_partner",
    "agency_lead",
    "reviewer",
    "administrator",
    "independent_scrutineer",
]
# role: (view, view_merged, add), with the reviewer commissioned.
EXPECTED = {
    "business_unit": (True, True, True),
    "safeguarding_partner": (True, True, False),
    "agency_lead": (True, False, True),
    "reviewer": (True, True, True),
    "administrator": (False, False, False),
    "independent_scrutineer": (False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_review_permissions(cspr, commission, world, role: str) -> None:
    user = world.person(role)
    granted = tuple(
        rules.has_perm(f"chronology.{action}", user, cspr)
        for action in ("view", "view_merged", "add")
    )
    assert granted == EXPECTED[role]


def test_another_partnership_gets_nothing(cspr, commission, other_world) -> None:
    for role in ROLES:
        user = other_world.person(role)
        assert not rules.has_perm("chronology.view", user, cspr)
        assert not rules.has_perm("chronology.add", user, cspr)


@pytest.fixture
def entries(cspr, world, school, commission, entries_for) -> dict[str, ChronologyEntry]:
    return {
        role: entries_for(school, 1, by=world.person(role))[0]
        for role in ("business_unit", "agency_lead", "reviewer")
    }


# role: the entries (by who added them) they may change.
CHANGES = {
    "business_unit": {"business_unit", "agency_lead", "reviewer"},
    "agency_lead": {"agency_lead"},
    "reviewer": {"reviewer"},
    "safeguarding_partner": set(),
    "administrator": set(),
}


@pytest.mark.parametrize("role", list(CHANGES))
def test_who_may_change_an_entry(cspr, world, entries, role: str) -> None:
    user = world.person(role)
    allowed = {
        added_by
        for added_by, entry in entries.items()
        if rules.has_perm("chronology.change_entry", user, entry)
    }
    assert allowed == CHANGES[role]
    # The page works it out once for all its rows, with the same answer.
    ids = changeable_ids(user, cspr, entries.values())
    assert ids == {entries[added_by].pk for added_by in CHANGES[role]}


def test_nobody_changes_an_entry_once_the_review_is_no_longer_under_way(
    cspr, world, entries
) -> None:
    cspr.state = "report_final"
    cspr.save(update_fields=["state"])
    for entry in entries.values():
        entry.review.state = "report_final"
        assert not rules.has_perm("chronology.change_entry", world.person("business_unit"), entry)
    assert changeable_ids(world.person("business_unit"), cspr, entries.values()) == set()
