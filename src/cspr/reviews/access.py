"""The base of every page of a review: the case comes from the URL (only among those the person
may see), then its review; the permission is checked against the review."""

from typing import Any

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from cspr.cases.access import CaseMixin
from cspr.reviews.models import Review


def review_url(review: Review, name: str = "reviews:detail", **kwargs: Any) -> str:
    case = review.case
    return reverse(
        name,
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


class ReviewPageMixin(CaseMixin):
    audit_verb = "review.viewed"
    review: Review

    def load(self) -> None:
        super().load()
        review = Review.objects.filter(case=self.case).select_related("case__partnership").first()
        if review is None:
            raise Http404
        self.review = review

    def get_permission_object(self) -> Model:
        return self.review

    def audited_object(self) -> Model:
        return self.review

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.setdefault("caption", f"{self.case.reference}, {self.case.pseudonym}")
        context.update(review=self.review, review_url=review_url(self.review))
        context.setdefault("cancel_url", review_url(self.review))
        return context
