"""The merged chronology (filtered, sorted, a page at a time, possible duplicates marked) and
the timeline of key practice episodes."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import rules
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from cspr.cases.access import case_url
from cspr.chronology import selectors
from cspr.chronology.access import ChronologyPageMixin, chronology_url
from cspr.chronology.duplicates import Duplicate
from cspr.chronology.exports import PDF_ROW_LIMIT
from cspr.chronology.forms import FilterForm
from cspr.chronology.models import ChronologyEntry
from cspr.chronology.permissions import changeable_ids
from cspr.chronology.selectors import ChronologyFilters
from cspr.chronology.timeline import timeline_svg, when
from cspr.reviews.access import review_url
from cspr.reviews.models import Review
from cspr.reviews.workflow import allowed

_FILTERS = "chronology-filters-{}"


@dataclass(frozen=True)
class Row:
    entry: ChronologyEntry
    duplicates: list[tuple[Duplicate, bool]]  # with whether it is on the same page
    changeable: bool


def saved_filters(request: HttpRequest, review: Review) -> ChronologyFilters:
    """The filters this person last applied to this chronology (kept in their session, so
    nothing they typed is in a URL)."""
    data: dict[str, Any] = request.session.get(_FILTERS.format(review.pk)) or {}
    try:
        return ChronologyFilters(
            agency_id=data.get("agency_id"),
            date_from=dt.date.fromisoformat(data["date_from"]) if data.get("date_from") else None,
            date_to=dt.date.fromisoformat(data["date_to"]) if data.get("date_to") else None,
            person=data.get("person", ""),
            significance=data.get("significance", ""),
            sort=data.get("sort", "date"),
        )
    except (TypeError, ValueError):
        return ChronologyFilters()


def save_filters(request: HttpRequest, review: Review, filters: ChronologyFilters | None) -> None:
    key = _FILTERS.format(review.pk)
    if filters is None:
        request.session.pop(key, None)
        return
    request.session[key] = {
        "agency_id": filters.agency_id,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "person": filters.person,
        "significance": filters.significance,
        "sort": filters.sort,
    }


class ChronologyView(ChronologyPageMixin, TemplateView):
    """The merged chronology. The filter form is posted: the filters are kept in the session
    and the page loaded again (POST, redirect, GET); only the page number is in the URL."""

    permission_required = "chronology.view"
    template_name = "chronology/list.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "clear" in request.POST:
            save_filters(request, self.review, None)
            return HttpResponseRedirect(chronology_url(self.review))
        form = self.filter_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        save_filters(request, self.review, form.filters())
        return HttpResponseRedirect(chronology_url(self.review))

    def filter_form(self, data: Any = None) -> FilterForm:
        agencies = selectors.filter_agencies(user=self.user, review=self.review)
        return FilterForm(data, agencies=agencies)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, user = self.review, self.user
        filters = saved_filters(self.request, review)
        form = context.get("form") or self.filter_form()
        if not form.is_bound:
            form.initial = {
                "agency": filters.agency_id,
                "date_from": filters.date_from,
                "date_to": filters.date_to,
                "person": filters.person,
                "significance": filters.significance,
                "sort": filters.sort,
            }
        result = selectors.chronology_page(
            user=user, review=review, filters=filters, number=self.request.GET.get("page")
        )
        page = result.page
        changeable = changeable_ids(user, review, page.object_list)
        on_page = {entry.pk for entry in page.object_list}
        context.update(
            title="Multi-agency chronology",
            form=form,
            filters=filters,
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            query_string="",
            rows=[
                Row(
                    entry=entry,
                    duplicates=[
                        (d, d.entry_id in on_page) for d in result.duplicates.get(entry.pk, [])
                    ],
                    changeable=entry.pk in changeable,
                )
                for entry in page.object_list
            ],
            pdf_limit=PDF_ROW_LIMIT,
            merged=rules.has_perm("chronology.view_merged", user, review),
            can_add=rules.has_perm("chronology.add", user, review),
            under_way=allowed(review.state, "edit"),
            back_url=self.way_back(),
        )
        return context

    def way_back(self) -> str:
        """The review's page for those who see it; else the case's page, or home (an agency
        lead sees the case, not the review's record)."""
        if rules.has_perm("reviews.view", self.user, self.review):
            return review_url(self.review)
        if rules.has_perm("cases.view_case", self.user, self.case):
            return case_url(self.case)
        return reverse("home")


class TimelineView(ChronologyPageMixin, TemplateView):
    permission_required = "chronology.view"
    audit_verb = "chronology_timeline.viewed"
    template_name = "chronology/timeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        episodes = selectors.key_episodes(user=self.user, review=self.review)
        title = "Key practice episodes by agency"
        context.update(
            title=title,
            svg=timeline_svg(episodes.entries, title=f"{title}: {self.case.reference}"),
            rows=[(when(entry), entry) for entry in episodes.entries],
            total=episodes.total,
            limited=episodes.total > len(episodes.entries),
        )
        return context
