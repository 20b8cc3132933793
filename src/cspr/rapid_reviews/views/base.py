from typing import Any

from django.http import Http404
from django.urls import reverse

from cspr.cases.access import CaseMixin
from cspr.cases.models import Case
from cspr.core.views import ServiceFormMixin as BaseServiceFormMixin
from cspr.rapid_reviews.models import RapidReview
from cspr.rapid_reviews.selectors import review_with_everything


def review_url(case: Case, name: str = "rapid_reviews:detail", **kwargs: Any) -> str:
    return reverse(
        name,
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


class ReviewMixin(CaseMixin):
    """A page of a case's Rapid Review; the permission is checked against the case."""

    audit_verb = "rapid_review.viewed"
    review: RapidReview

    def load(self) -> None:
        super().load()
        review = review_with_everything(self.case)
        if review is None:
            raise Http404
        self.review = review

    def audited_object(self) -> Any:
        return self.review

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["review"] = self.review
        context["review_url"] = review_url(self.case)
        context.setdefault("caption", f"{self.case.reference}, {self.case.pseudonym}")
        context.setdefault("cancel_url", review_url(self.case))
        return context


class ServiceFormMixin(BaseServiceFormMixin):
    """A form that runs a service and goes back to the Rapid Review."""

    case: Case

    def done_url(self) -> str:
        return review_url(self.case)
