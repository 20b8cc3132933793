"""The public pages of published learning products, under ``learning/briefings/``: anyone may
see them, signed in or not. They show the product's own text, by pseudonym, never the case
reference; a product that is not published (or whose review's report was taken down) is a
404."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.views import View
from django.views.generic import TemplateView

from cspr.briefings import documents, selectors
from cspr.briefings.models import LearningProduct
from cspr.core.documents import PDF_TYPE, download
from cspr.core.views import PublicViewMixin

PAGE_SIZE = 20


class PublicProductMixin(PublicViewMixin):
    kwargs: dict[str, Any]

    def product(self) -> LearningProduct:
        product = selectors.public_product(self.kwargs["slug"])
        if product is None:
            raise Http404
        return product


class PublicProductListView(PublicViewMixin, TemplateView):
    template_name = "briefings/public_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.public_products(), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context.update(page_obj=page, page_range=page.paginator.get_elided_page_range(page.number))
        return context


class PublicProductView(PublicProductMixin, TemplateView):
    template_name = "briefings/public_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        product = self.product()
        context.update(
            product=product,
            partnership=product.review.case.partnership,
            sections=documents.shown_sections(product),
            sibling=selectors.public_sibling(product),
        )
        return context


class PublicProductPdfView(PublicProductMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        product = self.product()
        with product.pdf.open("rb") as stored:
            content = stored.read()
        return download(content, filename=f"{product.slug}.pdf", content_type=PDF_TYPE)
