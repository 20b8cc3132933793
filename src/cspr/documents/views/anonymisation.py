"""The anonymisation check: the business unit runs it on the final report, looks at each hit
in its context, clears each one with a note, then clears the report for publication. Hits are
personal data: these pages are the business unit's only."""

from dataclasses import dataclass
from typing import Any

from django.views.generic import FormView, TemplateView

from cspr.documents import selectors
from cspr.documents.forms import HitClearForm
from cspr.documents.models import AnonymisationHit
from cspr.documents.services import anonymisation
from cspr.documents.views._base import ConfirmPageMixin, DocumentsPageMixin, FormPageMixin
from cspr.reviews.access import review_url
from cspr.reviews.workflow import ReviewState, allowed


@dataclass(frozen=True)
class HitRow:
    hit: AnonymisationHit
    before: str
    match: str
    after: str


def hit_row(hit: AnonymisationHit) -> HitRow:
    """The hit's context in three pieces, so the page can mark the words found."""
    start = hit.context.lower().find(hit.term.lower())
    if start < 0:
        return HitRow(hit, hit.context, "", "")
    end = start + len(hit.term)
    return HitRow(hit, hit.context[:start], hit.context[start:end], hit.context[end:])


class AnonymisationView(DocumentsPageMixin, TemplateView):
    permission_required = "documents.anonymise"
    template_name = "documents/anonymisation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review = self.review
        version = selectors.latest_final_version(review)
        scan = selectors.latest_scan(review)
        hits = [hit_row(hit) for hit in selectors.scan_hits(scan)] if scan else []
        problems = selectors.publication_problems(review)
        context.update(
            title="Anonymisation check",
            version=version,
            scan=scan,
            scan_is_current=scan is not None
            and version is not None
            and scan.version_id == version.pk,
            hits=hits,
            waiting=sum(1 for row in hits if not row.hit.is_cleared),
            can_run=version is not None and review.state in anonymisation.CHECKED_IN,
            problems=problems,
            can_clear_for_publication=not problems
            and allowed(review.state, "clear_for_publication"),
            is_report_final=review.state == ReviewState.REPORT_FINAL,
        )
        return context


class AnonymisationRunView(ConfirmPageMixin):
    permission_required = "documents.anonymise"
    title = "Run the anonymisation check"
    explanation = (
        "CSPR searches the latest version of the final report for every name, date of birth, "
        "address and school recorded in the case, and lists each place it finds one."
    )
    confirm_label = "Run the check"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cancel_url=self.url("anonymisation"), **kwargs)

    def act(self) -> None:
        scan = anonymisation.anonymisation_scan(review=self.review, by=self.user)
        count = scan.hits.count()
        self.success_message = (
            "Check complete: nothing found."
            if count == 0
            else f"Check complete: {count} {'hit' if count == 1 else 'hits'} to look at."
        )

    def done_url(self) -> str:
        return self.url("anonymisation")


class HitClearView(FormPageMixin, FormView):
    permission_required = "documents.anonymise"
    template_name = "documents/hit_clear.html"
    form_class = HitClearForm
    title = "Clear a hit"
    success_message = "Hit cleared."

    def load(self) -> None:
        super().load()
        self.hit = self.one(
            AnonymisationHit.objects.filter(scan__review=self.review).select_related("scan"),
            "hit_id",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            row=hit_row(self.hit), cancel_url=self.url("anonymisation"), **kwargs
        )

    def run(self, form: Any) -> Any:
        return anonymisation.hit_clear(hit=self.hit, by=self.user, note=form.cleaned_data["note"])

    def done_url(self) -> str:
        return self.url("anonymisation")


class ClearForPublicationView(ConfirmPageMixin):
    permission_required = "documents.anonymise"
    title = "Clear the report for publication"
    explanation = (
        "Every hit of the anonymisation check on the latest version of the final report has "
        "been cleared. The review is then ready to publish."
    )
    confirm_label = "Clear for publication"
    success_message = "The report is cleared for publication."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cancel_url=self.url("anonymisation"), **kwargs)

    def act(self) -> None:
        anonymisation.review_clear_for_publication(review=self.review, by=self.user)

    def done_url(self) -> str:
        return review_url(self.review)
