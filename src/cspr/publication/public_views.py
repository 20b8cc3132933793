"""The public pages of a partnership's published reports: anyone may see them, signed in or
not. They show the report's own title and summary, never the case reference or anything of
the case; a report taken down is a 404."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from cspr.core.documents import PDF_TYPE, download
from cspr.core.views import PublicViewMixin
from cspr.partnerships.models import Partnership
from cspr.publication import selectors
from cspr.publication.models import PublishedReport

PAGE_SIZE = 25


class PublicPartnershipMixin(PublicViewMixin):
    kwargs: dict[str, Any]

    def partnership(self) -> Partnership:
        return get_object_or_404(Partnership, slug=self.kwargs["partnership_slug"], is_active=True)

    def report(self) -> tuple[Partnership, PublishedReport]:
        partnership = self.partnership()
        report = selectors.public_report(partnership, self.kwargs["report_id"])
        if report is None:
            raise Http404
        return partnership, report


class PublishedListView(PublicPartnershipMixin, TemplateView):
    """The partnership's published reports, newest first, a page at a time."""

    template_name = "publication/public_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partnership = self.partnership()
        page = Paginator(selectors.public_reports(partnership), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            public_partnership=partnership,
            reports=page.object_list,
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
        )
        return context


class PublishedReportView(PublicPartnershipMixin, TemplateView):
    template_name = "publication/public_report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partnership, report = self.report()
        context.update(public_partnership=partnership, report=report)
        return context


class PublishedDownloadView(PublicPartnershipMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _, report = self.report()
        if not report.file:
            raise Http404
        with report.file.open("rb") as stored:
            content = stored.read()
        name = slugify(report.title)[:80] or "report"
        return download(content, filename=f"{name}.pdf", content_type=PDF_TYPE)
