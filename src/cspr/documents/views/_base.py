"""What every page of a review's documents shares: the review (from ReviewPageMixin), links
within the app, and finding a record of this review by the id in the URL (else 404)."""

from typing import Any, TypeVar

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import TemplateView

from cspr.core.errors import DomainError
from cspr.core.views import ServiceFormMixin
from cspr.reviews.access import ReviewPageMixin, review_url

M = TypeVar("M", bound=Model)


class DocumentsPageMixin(ReviewPageMixin):
    def url(self, name: str, **kwargs: Any) -> str:
        return review_url(self.review, f"documents:{name}", **kwargs)

    def one(self, queryset: QuerySet[M], key: str) -> M:
        """The record whose id is ``key`` in the URL, if it belongs to this review."""
        found = queryset.filter(pk=self.kwargs[key]).first()
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["documents_url"] = self.url("list")
        return context


class FormPageMixin(ServiceFormMixin, DocumentsPageMixin):
    """A form page (core/form_page.html) that runs one service."""

    template_name: str | None = "core/form_page.html"
    title = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)


class ConfirmPageMixin(DocumentsPageMixin, TemplateView):
    """Confirm on GET, act on POST (core/confirm_page.html); a refusal is shown on the page."""

    template_name = "core/confirm_page.html"
    title = ""
    explanation = ""
    confirm_label = ""
    success_message = ""

    def act(self) -> None:
        raise TypeError(f"{type(self).__name__} must say what it does")

    def done_url(self) -> str:
        return self.url("list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("title", self.title)
        kwargs.setdefault("explanation", self.explanation)
        kwargs.setdefault("confirm_label", self.confirm_label)
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.act()
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error.message), status=400)
        messages.success(request, self.success_message)
        return HttpResponseRedirect(self.done_url())
