"""Who may see and change the chronology (need to know, default deny).

Predicates on the review: the business unit, the safeguarding partners and the commissioned
reviewer see the merged chronology of every agency; the lead of an agency in scope of the
review (in the latest terms of reference, or invited to the Rapid Review) sees and adds their
own agency's entries only. Entries are added and changed only while the review is under way;
an entry is changed or deleted by whoever added it, or by the business unit.
"""

from collections.abc import Iterable
from typing import Any

import rules

from cspr.chronology.models import ChronologyEntry
from cspr.chronology.selectors import own_agency_ids
from cspr.reviews.models import Review
from cspr.reviews.permissions import can_view_review, is_commissioned_reviewer, runs
from cspr.reviews.workflow import allowed


@rules.predicate
def leads_agency_in_scope(user: Any, review: Review | None) -> bool:
    return review is not None and bool(own_agency_ids(user, review))


@rules.predicate
def is_under_way(user: Any, review: Review | None) -> bool:
    return review is not None and allowed(review.state, "edit")


can_view_merged = can_view_review
can_view = can_view_review | leads_agency_in_scope
can_add = is_under_way & (runs | is_commissioned_reviewer | leads_agency_in_scope)


@rules.predicate
def added_entry(user: Any, entry: ChronologyEntry | None) -> bool:
    return entry is not None and entry.added_by_id == getattr(user, "pk", None)


@rules.predicate
def runs_its_review(user: Any, entry: ChronologyEntry | None) -> bool:
    return entry is not None and bool(runs(user, entry.review))


@rules.predicate
def its_review_is_under_way(user: Any, entry: ChronologyEntry | None) -> bool:
    return entry is not None and bool(is_under_way(user, entry.review))


@rules.predicate
def may_add_for_its_agency(user: Any, entry: ChronologyEntry | None) -> bool:
    if entry is None or not can_add(user, entry.review):
        return False
    review = entry.review
    return bool(
        runs(user, review)
        or is_commissioned_reviewer(user, review)
        or entry.agency_id in own_agency_ids(user, review)
    )


can_change_entry = its_review_is_under_way & (
    runs_its_review | (added_entry & may_add_for_its_agency)
)

rules.add_perm("chronology.view", can_view)
rules.add_perm("chronology.view_merged", can_view_merged)
rules.add_perm("chronology.add", can_add)
rules.add_perm("chronology.change_entry", can_change_entry)


def changeable_ids(user: Any, review: Review, entries: Iterable[ChronologyEntry]) -> set[int]:
    """The entries of a page the person may change or delete: ``chronology.change_entry``
    worked out once for the page, not with queries for each row."""
    rows = list(entries)
    if not is_under_way(user, review):
        return set()
    if runs(user, review):
        return {entry.pk for entry in rows}
    if not can_add(user, review):
        return set()
    any_agency = bool(is_commissioned_reviewer(user, review))
    own = own_agency_ids(user, review)
    return {
        entry.pk
        for entry in rows
        if entry.added_by_id == user.pk and (any_agency or entry.agency_id in own)
    }
