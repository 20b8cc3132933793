"""Pages of a review's learning products, under
``p/<slug>/cases/<reference>/review/learning/``: the list, drafting, the product with its
sections, editing, approval, publication, withdrawal, going back to draft, the PDF, and the
record of deliveries. Thin: forms validate, services write, selectors read."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView, TemplateView

from cspr.briefings import checks, documents, selectors, services, workflow
from cspr.briefings.drafting import absolute, public_product_url
from cspr.briefings.forms import DeliveryForm, ProductEditForm, WithdrawForm
from cspr.briefings.models import KIND_BY_SLUG, KIND_SLUGS, LearningProduct, ProductKind
from cspr.briefings.workflow import ProductState
from cspr.core.conflicts import EditConflictMixin
from cspr.core.documents import PDF_TYPE, download
from cspr.core.views import ConfirmActionMixin, ServiceFormMixin
from cspr.partnerships.models import Agency
from cspr.reviews.access import ReviewPageMixin, review_url
from cspr.reviews.workflow import ReviewState

PAGE_SIZE = 25


def products_url(review: Any) -> str:
    return review_url(review, "briefings:list")


def product_url(product: LearningProduct, name: str = "briefings:detail") -> str:
    return review_url(product.review, name, kind=product.kind_slug)


class ProductsView(ReviewPageMixin, TemplateView):
    """The review's Learning on a Page and 7-minute briefing, drafted or not."""

    permission_required = "briefings.view"
    audit_verb = "learning_products.viewed"
    template_name = "briefings/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        products = selectors.products_of(self.review)
        can_draft = (
            rules.has_perm("briefings.manage", self.user, self.review)
            and self.review.state != ReviewState.OPEN
        )
        context.update(
            rows=[(kind, KIND_SLUGS[kind], products.get(kind.value)) for kind in ProductKind],
            can_draft=can_draft,
            review_is_open=self.review.state == ReviewState.OPEN,
        )
        return context


class ProductDraftView(ConfirmActionMixin, ReviewPageMixin, TemplateView):
    permission_required = "briefings.manage"
    audit_verb = "learning_product_draft.viewed"
    confirm_label = "Draft it"
    success_message = "Drafted from the review's record. Check every section and fill the gaps."
    product: LearningProduct | None = None

    def load(self) -> None:
        super().load()
        kind = KIND_BY_SLUG.get(self.kwargs["kind"])
        if kind is None:
            raise Http404
        self.kind = kind

    def confirm_context(self) -> dict[str, Any]:
        return {
            "title": f"Draft the {self.kind.label}",
            "explanation": "CSPR writes a first draft from what the review recorded: the "
            "child's pseudonym, the kind of review, what happened (from the published "
            "report's summary, or else from the referral), the learning the Rapid Review "
            "identified, questions for reflection and links to the published pages. It never "
            "uses the child's name. You then edit it before a safeguarding partner approves it.",
            "confirm_label": self.confirm_label,
            "destructive": False,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        existing = selectors.product_for(self.review, self.kind)
        if existing is not None:
            return HttpResponseRedirect(product_url(existing))
        return super().get(request, *args, **kwargs)

    def act(self) -> None:
        self.product = product = services.product_draft(
            review=self.review, kind=self.kind, by=self.user
        )
        texts = (getattr(product, name) for name in services.editable_fields(product))
        if any(checks.REMOVED_MARK in text for text in texts):
            self.success_message = (
                "Drafted from the review's record. CSPR took out details recorded in the case "
                "(marked “removed”): rewrite those sentences, then check every section."
            )

    def done_url(self) -> str:
        if self.product is not None:
            return product_url(self.product)
        return products_url(self.review)


class ProductMixin(ReviewPageMixin):
    """A page of one product: the review's product of the kind in the address (else 404),
    checked against the product."""

    audit_verb = "learning_product.viewed"
    product: LearningProduct

    def load(self) -> None:
        super().load()
        kind = KIND_BY_SLUG.get(self.kwargs["kind"])
        product = selectors.product_for(self.review, kind) if kind else None
        if product is None:
            raise Http404
        self.product = product

    def get_permission_object(self) -> Model:
        return self.product

    def audited_object(self) -> Model:
        return self.product

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.setdefault("caption", f"{self.case.reference}, {self.case.pseudonym}")
        context.update(
            product=self.product,
            product_url=product_url(self.product),
            products_url=products_url(self.review),
        )
        context.setdefault("cancel_url", product_url(self.product))
        return context


class ToProduct:
    """After a form or a confirmation: back to the product (first in the bases, so it wins
    over the mixins' own ``done_url``)."""

    product: LearningProduct

    def done_url(self) -> str:
        return product_url(self.product)


class ProductDetailView(ProductMixin, TemplateView):
    permission_required = "briefings.view_product"
    template_name = "briefings/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        product, user = self.product, self.user
        edits = rules.has_perm("briefings.edit", user, product)
        state = product.state
        context.update(
            sections=documents.shown_sections(product),
            problems=checks.content_problems(product) if state == ProductState.DRAFT else [],
            can_edit=edits and workflow.allowed(state, "edit"),
            can_approve=rules.has_perm("briefings.approve", user, product)
            and workflow.allowed(state, "approve"),
            can_publish=edits and workflow.allowed(state, "publish"),
            can_withdraw=edits and workflow.allowed(state, "withdraw"),
            can_reopen=edits and workflow.allowed(state, "reopen"),
            can_record_delivery=edits and workflow.allowed(state, "record_delivery"),
            summary=selectors.delivery_summary(product),
            deliveries=list(selectors.deliveries_of(product)[:5]),
            public_url=public_product_url(product.slug) if product.is_public else None,
        )
        return context


class ProductEditView(EditConflictMixin, ToProduct, ServiceFormMixin, ProductMixin, FormView):
    permission_required = "briefings.edit"
    conflict_record = "product"
    audit_verb = "learning_product_form.viewed"
    template_name = "briefings/edit.html"
    form_class = ProductEditForm
    success_message = "Draft saved."

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = workflow.refusal(self.product.state, "edit")
        if refusal:
            messages.error(request, refusal)
            return HttpResponseRedirect(product_url(self.product))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "kind": self.product.kind}

    def get_initial(self) -> dict[str, Any]:
        product = self.product
        return {
            **{name: getattr(product, name) for name in services.editable_fields(product)},
            "version": product.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Change the {self.product.get_kind_display()}",
            back_url=product_url(self.product),
            intro="A blank line starts a new paragraph; a line starting with “- ” is a bullet. "
            "Never name the child, their family or the practitioners.",
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        values = dict(form.cleaned_data)
        version = values.pop("version")
        return services.product_update(
            product=self.product, by=self.user, values=values, expected_version=version
        )


class ProductApproveView(ToProduct, ConfirmActionMixin, ProductMixin, TemplateView):
    permission_required = "briefings.approve"
    audit_verb = "learning_product_approval.viewed"
    template_name = "briefings/confirm.html"
    success_message = "Approved. The business unit can now publish it."

    def confirm_context(self) -> dict[str, Any]:
        kind = self.product.get_kind_display()
        return {
            "title": f"Approve the {kind}",
            "explanation": f"Once approved, the {kind} cannot be changed unless it goes back to "
            "draft. The business unit publishes it, as a web page and a PDF, after the "
            "review's report is published.",
            "confirm_label": "Approve it",
            "destructive": False,
            "problems": services.approval_problems(self.product, by=self.user)
            if self.request.method == "GET"
            else [],
            "problems_intro": "Before it can be approved:",
            "pdf_url": product_url(self.product, "briefings:pdf"),
        }

    def act(self) -> None:
        services.product_approve(product=self.product, by=self.user)


class ProductPublishView(ToProduct, ConfirmActionMixin, ProductMixin, TemplateView):
    permission_required = "briefings.edit"
    audit_verb = "learning_product_publication.viewed"
    template_name = "briefings/confirm.html"
    success_message = "Published: the web page and the PDF are on the public pages."

    def confirm_context(self) -> dict[str, Any]:
        kind = self.product.get_kind_display()
        problems = []
        if self.request.method == "GET":
            problems = services.publication_problems(
                self.product, today=timezone.localdate()
            ) + checks.content_problems(self.product)
        return {
            "title": f"Publish the {kind}",
            "explanation": f"The {kind} goes on the public pages today, as a web page and a "
            f"PDF, at {absolute(public_product_url(self.product.slug))}.",
            "confirm_label": "Publish it",
            "destructive": False,
            "problems": problems,
            "problems_intro": "Before it can be published:",
            "pdf_url": product_url(self.product, "briefings:pdf"),
        }

    def act(self) -> None:
        services.product_publish(product=self.product, by=self.user)


class ProductWithdrawView(ToProduct, ServiceFormMixin, ProductMixin, FormView):
    permission_required = "briefings.edit"
    audit_verb = "learning_product_withdrawal.viewed"
    template_name = "core/form_page.html"
    form_class = WithdrawForm
    success_message = "Withdrawn: it is no longer on the public pages."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Withdraw the {self.product.get_kind_display()}",
            intro="It comes off the public pages today. Deliveries already recorded stay.",
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return services.product_withdraw(
            product=self.product, by=self.user, reason=form.cleaned_data["reason"]
        )


class ProductReopenView(ToProduct, ConfirmActionMixin, ProductMixin, TemplateView):
    permission_required = "briefings.edit"
    audit_verb = "learning_product_reopening.viewed"
    confirm_label = "Return it to draft"
    success_message = "It is a draft again. A safeguarding partner must approve it again."

    def confirm_context(self) -> dict[str, Any]:
        return {
            "title": f"Return the {self.product.get_kind_display()} to draft",
            "explanation": "You can then change it. Its approval is cleared: a safeguarding "
            "partner must approve it again before it is published.",
            "confirm_label": self.confirm_label,
            "destructive": True,
        }

    def act(self) -> None:
        services.product_reopen(product=self.product, by=self.user)


class ProductPdfView(ProductMixin, View):
    """The PDF: the published file once published, else a draft made now (marked as a draft
    until it is approved)."""

    permission_required = "briefings.view_product"
    audit_verb = "learning_product.downloaded"
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        product = self.product
        if product.pdf:
            with product.pdf.open("rb") as stored:
                content = stored.read()
        else:
            content = documents.fitted(product, draft=product.state == ProductState.DRAFT).content
        name = slugify(product.title)[:80] or "learning"
        return download(content, filename=f"{name}.pdf", content_type=PDF_TYPE)


class DeliveriesView(ProductMixin, TemplateView):
    permission_required = "briefings.view_product"
    audit_verb = "briefing_deliveries.viewed"
    template_name = "briefings/deliveries.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.deliveries_of(self.product), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            summary=selectors.delivery_summary(self.product),
            can_record_delivery=rules.has_perm("briefings.edit", self.user, self.product)
            and workflow.allowed(self.product.state, "record_delivery"),
        )
        return context


class DeliveryAddView(ServiceFormMixin, ProductMixin, FormView):
    permission_required = "briefings.edit"
    audit_verb = "briefing_delivery_form.viewed"
    template_name = "core/form_page.html"
    form_class = DeliveryForm
    success_message = "Delivery recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Record a delivery of the {self.product.get_kind_display()}",
            back_url=product_url(self.product, "briefings:deliveries"),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return services.delivery_record(product=self.product, by=self.user, **form.cleaned_data)

    def done_url(self) -> str:
        return product_url(self.product, "briefings:deliveries")
