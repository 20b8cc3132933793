"""The base of every chronology page: a review page (the case among those the person may see,
then its review), also open to the lead of an agency in scope of the review's terms of
reference, who may not otherwise see the case."""

from typing import Any

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from cspr.chronology.models import ChronologyEntry
from cspr.chronology.selectors import review_for_agency_in_scope, visible_entries
from cspr.reviews.access import ReviewPageMixin
from cspr.reviews.models import Review


def chronology_url(review: Review, name: str = "chronology:list", **kwargs: Any) -> str:
    case = review.case
    return reverse(
        name,
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


PAGE_NAMES = (
    "list",
    "add",
    "import",
    "timeline",
    "template-csv",
    "template-xlsx",
    "export-xlsx",
    "export-pdf",
)


class ChronologyPageMixin(ReviewPageMixin):
    audit_verb = "chronology.viewed"

    def load(self) -> None:
        try:
            super().load()
        except Http404:
            review = review_for_agency_in_scope(
                user=self.user, partnership=self.partnership, reference=self.kwargs["reference"]
            )
            if review is None:
                raise
            self.review = review
            self.case = review.case

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("cancel_url", chronology_url(self.review))
        kwargs.setdefault("back_url", chronology_url(self.review))
        kwargs["urls"] = {
            name.replace("-", "_"): chronology_url(self.review, f"chronology:{name}")
            for name in PAGE_NAMES
        }
        return super().get_context_data(**kwargs)


class EntryPageMixin(ChronologyPageMixin):
    """A page of one entry: found only among the entries the person may see (else 404), and
    checked against the entry."""

    audit_verb = "chronology_entry.viewed"
    entry: ChronologyEntry

    def load(self) -> None:
        super().load()
        entry = (
            visible_entries(user=self.user, review=self.review)
            .select_related("agency")
            .filter(pk=self.kwargs["entry_id"])
            .first()
        )
        if entry is None:
            raise Http404
        entry.review = self.review
        self.entry = entry

    def get_permission_object(self) -> Model:
        return self.entry

    def audited_object(self) -> Model:
        return self.entry
