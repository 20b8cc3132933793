"""Reads for the chronology. Every read starts from the person: an agency lead sees their own
agency's entries; the business unit, the safeguarding partners and the commissioned reviewer
see the merged chronology of every agency."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import rules
from django.core.paginator import Page, Paginator
from django.db.models import F, OrderBy, Q, QuerySet, Subquery

from cspr.chronology.duplicates import Duplicate, possible_duplicates
from cspr.chronology.models import ChronologyEntry, Significance
from cspr.partnerships.models import Agency, Role
from cspr.partnerships.selectors import memberships_of
from cspr.rapid_reviews.models import Invitation
from cspr.reviews.models import Review, TermsOfReference
from cspr.reviews.permissions import is_commissioned_reviewer, runs

PAGE_SIZE = 50
# The timeline draws at most this many key practice episodes, and says so when there are more.
TIMELINE_LIMIT = 400
_IN_SCOPE_CACHE = "_cspr_chronology_agencies_in_scope"

SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "date": ("occurred_on", F("occurred_at_time").asc(nulls_first=True), "id"),
    "-date": ("-occurred_on", F("occurred_at_time").desc(nulls_last=True), "-id"),
    "agency": ("agency__name", "occurred_on", F("occurred_at_time").asc(nulls_first=True), "id"),
}
SORT_CHOICES = [
    ("date", "Date, earliest first"),
    ("-date", "Date, latest first"),
    ("agency", "Agency, then date"),
]


@dataclass(frozen=True)
class ChronologyFilters:
    agency_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    person: str = ""
    significance: str = ""
    sort: str = "date"

    @property
    def narrowed(self) -> bool:
        """Whether any filter (not only the order) is set."""
        return bool(
            self.agency_id or self.date_from or self.date_to or self.person or self.significance
        )


@dataclass
class ChronologyPage:
    page: Page[ChronologyEntry]
    duplicates: dict[int, list[Duplicate]] = field(default_factory=dict)


def agencies_in_scope_ids(review: Review) -> frozenset[int]:
    """The agencies asked to contribute: those in scope of the latest terms of reference and
    those invited to the case's Rapid Review. One query, then kept on the review object."""
    cached: frozenset[int] | None = getattr(review, _IN_SCOPE_CACHE, None)
    if cached is None:
        latest = TermsOfReference.objects.filter(review_id=review.pk).order_by("-number")
        in_terms = TermsOfReference.agencies_in_scope.through.objects.filter(
            termsofreference_id=Subquery(latest.values("pk")[:1])
        ).values("agency_id")
        invited = Invitation.objects.filter(rapid_review__case_id=review.case_id).values(
            "agency_id"
        )
        cached = frozenset(
            Agency.objects.filter(Q(pk__in=in_terms) | Q(pk__in=invited)).values_list(
                "pk", flat=True
            )
        )
        setattr(review, _IN_SCOPE_CACHE, cached)
    return cached


def own_agency_ids(user: Any, review: Review) -> set[int]:
    """The agencies in scope of the review that the person leads."""
    led = {
        m.agency_id
        for m in memberships_of(user)
        if m.role == Role.AGENCY_LEAD
        and m.agency_id is not None
        and m.partnership_id == review.case.partnership_id
    }
    return led & agencies_in_scope_ids(review) if led else set()


def addable_agencies(*, user: Any, review: Review) -> QuerySet[Agency]:
    """The agencies the person may add entries for: any active agency of the partnership for
    the business unit and the commissioned reviewer, their own agency for an agency lead."""
    agencies = Agency.objects.filter(partnership_id=review.case.partnership_id, is_active=True)
    if runs(user, review) or is_commissioned_reviewer(user, review):
        return agencies.order_by("name")
    return agencies.filter(pk__in=own_agency_ids(user, review)).order_by("name")


def visible_entries(*, user: Any, review: Review) -> QuerySet[ChronologyEntry]:
    entries = ChronologyEntry.objects.filter(review=review)
    if rules.has_perm("chronology.view_merged", user, review):
        return entries
    return entries.filter(agency_id__in=own_agency_ids(user, review))


def chronology_entries(
    *, user: Any, review: Review, filters: ChronologyFilters
) -> QuerySet[ChronologyEntry]:
    """The entries the person may see, narrowed by the filters, in the order asked for. A
    period keeps the entries that overlap it."""
    entries = visible_entries(user=user, review=review)
    if filters.agency_id:
        entries = entries.filter(agency_id=filters.agency_id)
    if filters.significance:
        entries = entries.filter(significance=filters.significance)
    if filters.date_from:
        entries = entries.filter(
            Q(occurred_on__gte=filters.date_from) | Q(occurred_until__gte=filters.date_from)
        )
    if filters.date_to:
        entries = entries.filter(occurred_on__lte=filters.date_to)
    if filters.person:
        entries = entries.filter(people_involved__icontains=filters.person)
    order = SORTS.get(filters.sort, SORTS["date"])
    return entries.select_related("agency", "added_by").order_by(*order)


def chronology_page(
    *, user: Any, review: Review, filters: ChronologyFilters, number: int | str | None
) -> ChronologyPage:
    """One page of the merged chronology with its possible duplicates: a count, the page's
    rows and one query for the duplicates, however long the chronology."""
    entries = chronology_entries(user=user, review=review, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(number)
    rows = list(page.object_list)
    page.object_list = rows
    for entry in rows:
        entry.review = review  # no query per row for who may change it
    duplicates = possible_duplicates(rows, visible_entries(user=user, review=review))
    return ChronologyPage(page=page, duplicates=duplicates)


def filter_agencies(*, user: Any, review: Review) -> QuerySet[Agency]:
    """The agencies that have entries the person may see, for the agency filter."""
    agency_ids = visible_entries(user=user, review=review).values("agency_id")
    return Agency.objects.filter(pk__in=agency_ids).order_by("name")


@dataclass(frozen=True)
class KeyEpisodes:
    entries: list[ChronologyEntry]
    total: int


def key_episodes(*, user: Any, review: Review) -> KeyEpisodes:
    """The key practice episodes the person may see, earliest first (at most
    ``TIMELINE_LIMIT``, with the total)."""
    entries = chronology_entries(
        user=user,
        review=review,
        filters=ChronologyFilters(significance=Significance.KEY_PRACTICE_EPISODE),
    )
    shown = list(entries[:TIMELINE_LIMIT])
    total = len(shown) if len(shown) < TIMELINE_LIMIT else entries.count()
    return KeyEpisodes(entries=shown, total=total)


def review_for_agency_in_scope(*, user: Any, partnership: Any, reference: str) -> Review | None:
    """The review of a case the person cannot otherwise see, if they lead an agency in scope
    of its terms of reference (an agency asked for its chronology after the Rapid Review)."""
    leads_here = any(
        m.role == Role.AGENCY_LEAD and m.partnership_id == partnership.pk
        for m in memberships_of(user)
    )
    if not leads_here:
        return None
    review = (
        Review.objects.filter(case__partnership=partnership, case__reference=reference)
        .select_related("case__partnership")
        .first()
    )
    if review is None or not own_agency_ids(user, review):
        return None
    return review
