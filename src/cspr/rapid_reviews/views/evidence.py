"""Citing library items and earlier cases as evidence for the recommendation (CRIT-LOCAL (a),
(b)). POST only: the buttons are on the Rapid Review page's "Read this case against earlier
ones" panel."""

from typing import Any

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.views.generic import View

from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.learning.models import LearningItem
from cspr.rapid_reviews.models import Citation
from cspr.rapid_reviews.services.citations import citation_add, citation_remove
from cspr.rapid_reviews.views.base import ReviewMixin, review_url


def _posted_id(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


class CiteView(ReviewMixin, View):
    permission_required = "rapid_reviews.run"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item_id, case_id = _posted_id(request, "learning_item"), _posted_id(request, "earlier_case")
        item = LearningItem.objects.public().filter(pk=item_id).first() if item_id else None
        earlier = (
            Case.objects.filter(partnership=self.partnership, pk=case_id).first()
            if case_id
            else None
        )
        if item_id is None and case_id is None:
            return HttpResponseBadRequest("Choose a library item or an earlier case to cite.")
        if item is None and earlier is None:
            raise Http404
        try:
            citation = citation_add(
                rapid_review=self.review, by=self.user, learning_item=item, earlier_case=earlier
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Cited {citation.label} in the rationale.")
        return HttpResponseRedirect(review_url(self.case) + "#evidence")


class CitationRemoveView(ReviewMixin, View):
    permission_required = "rapid_reviews.run"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        citation = Citation.objects.filter(
            rapid_review=self.review, pk=self.kwargs["citation_id"]
        ).first()
        if citation is None:
            raise Http404
        try:
            citation_remove(citation=citation, by=self.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{citation.label} is no longer cited.")
        return HttpResponseRedirect(review_url(self.case) + "#evidence")
