"""Pages of the learning library. Thin: forms validate, services write, selectors read.

Public (no sign-in): the search page and an item's page, showing public items only. The
business unit's (under ``/p/<slug>/learning/``): the partnership's items, uploading a batch of
files and following its progress, completing an item and its themes, publishing and
withdrawing it."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.views import ConfirmActionMixin, PublicViewMixin, ServiceFormMixin
from cspr.learning import search, selectors
from cspr.learning.forms import ItemForm, LibrarySearchForm, UploadForm, confirmed_theme_values
from cspr.learning.models import LearningItem, Origin, Theme, UploadBatch
from cspr.learning.services import items as item_services
from cspr.learning.services import uploads as upload_services
from cspr.partnerships.access import PartnershipPageMixin

PAGE_SIZE = 25


# Public -------------------------------------------------------------------------------------


class LibrarySearchView(PublicViewMixin, TemplateView):
    template_name = "learning/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = LibrarySearchForm(self.request.GET or None, options=selectors.filter_options())
        query, filters = "", search.SearchFilters()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            query = data["q"]
            filters = search.SearchFilters(
                themes=(data["theme"],) if data["theme"] else (),
                years=(data["year"],) if data["year"] else (),
                review_types=tuple(data["review_type"]),
                sources=(data["partnership"],) if data["partnership"] else (),
                age_groups=tuple(data["age_group"]),
            )
        results = search.search(query, filters, self.request.GET.get("page") or 1)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=form,
            query=query,
            filtered=filters.any,
            results=results,
            page_obj=results.page,
            page_range=results.page.paginator.get_elided_page_range(results.page.number),
            query_string=params.urlencode(),
        )
        return context


class LibraryItemView(PublicViewMixin, TemplateView):
    template_name = "learning/item.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = selectors.public_item(self.kwargs["item_id"])
        if item is None:
            raise Http404
        report_url = ""
        report = item.published_report
        if report is not None and item.partnership is not None:
            report_url = reverse(
                "published:report",
                kwargs={"partnership_slug": item.partnership.slug, "report_id": report.pk},
            )
        context.update(
            item=item,
            report_url=report_url,
            key_learning=[line for line in item.key_learning.splitlines() if line.strip()],
        )
        return context


# The business unit's pages ----------------------------------------------------------------


def learning_url(partnership_slug: str, name: str, **kwargs: Any) -> str:
    return reverse(f"learning:{name}", kwargs={"partnership_slug": partnership_slug, **kwargs})


class LibraryPageMixin(PartnershipPageMixin):
    permission_required = "learning.manage_library"

    def url(self, name: str, **kwargs: Any) -> str:
        return learning_url(self.partnership.slug, name, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["library_url"] = self.url("list")
        return context


class ItemListView(LibraryPageMixin, TemplateView):
    audit_verb = "learning_items.viewed"
    template_name = "learning/manage_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        items = selectors.partnership_items(self.partnership)
        page = Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            batches=list(selectors.batch_list(self.partnership)[:5]),
        )
        return context


class UploadView(LibraryPageMixin, ServiceFormMixin, FormView):
    audit_verb = "learning_upload_form.viewed"
    template_name = "core/form_page.html"
    form_class = UploadForm
    batch: UploadBatch

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title="Upload reviews to the learning library",
            caption=self.partnership.name,
            intro="CSPR reads the text of each file and suggests its themes. You then check "
            "each one, complete its details and confirm its themes before it goes in the "
            "public library. A file CSPR cannot read is listed with the reason.",
            back_url=self.url("list"),
            cancel_url=self.url("list"),
        )
        return context

    def run(self, form: UploadForm) -> None:
        self.batch = upload_services.batch_upload(
            partnership=self.partnership, by=self.user, uploads=form.cleaned_data["uploads"]
        )

    success_message = "Files uploaded. CSPR is reading them."

    def done_url(self) -> str:
        return self.url("batch", batch_id=self.batch.pk)


class BatchView(LibraryPageMixin, TemplateView):
    """A batch's progress: a progress bar, each file's outcome, and a link to check again
    (no automatic refresh, so nothing moves while someone is reading)."""

    permission_required = "learning.view_batch"
    audit_verb = "learning_batch.viewed"
    template_name = "learning/batch.html"
    batch: UploadBatch

    def has_permission(self) -> bool:
        batch = selectors.batch_for(self.partnership, self.kwargs["batch_id"])
        if batch is None:
            raise Http404
        self.batch = batch
        return super().has_permission()

    def get_permission_object(self) -> Model:
        return self.batch

    def audited_object(self) -> Model:
        return self.batch

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(batch=self.batch, progress=selectors.batch_progress(self.batch))
        return context


class ItemMixin(LibraryPageMixin):
    """A page of one of the partnership's items (another partnership's id is a 404)."""

    permission_required = "learning.change_item"
    audit_verb = "learning_item.viewed"
    item: LearningItem

    def has_permission(self) -> bool:
        item = selectors.item_for(self.partnership, self.kwargs["item_id"])
        if item is None:
            raise Http404
        self.item = item
        return super().has_permission()

    def get_permission_object(self) -> Model:
        return self.item

    def audited_object(self) -> Model:
        return self.item

    def item_url(self) -> str:
        return self.url("item", item_id=self.item.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(item=self.item, item_url=self.item_url())
        return context


class ItemEditView(EditConflictMixin, ItemMixin, FormView):
    """Check and change an item. The item and its themes are read as the request starts, so on
    a conflict the panel compares what this person sent with what the other person saved."""

    template_name = "learning/item_form.html"
    form_class = ItemForm
    conflict_record = "item"

    @cached_property
    def themes(self) -> list[Theme]:
        """Read once: a conflict builds the form twice."""
        return list(Theme.objects.filter(is_active=True))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "item": self.item, "themes": self.themes}

    def get_initial(self) -> dict[str, Any]:
        item = self.item
        return {
            "themes": confirmed_theme_values(getattr(item, "all_themes", [])),
            "title": item.title,
            "source_name": item.source,
            "year": item.year,
            "review_type": item.review_type,
            "age_group": item.age_group,
            "summary": item.summary,
            "key_learning": item.key_learning,
            "url": item.url,
            "version": item.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.item
        context.update(
            title="Check the item" if not item.is_public else "Change the item",
            caption=self.partnership.name,
            back_url=self.url("list"),
            cancel_url=self.url("list"),
            is_own_review=item.origin == Origin.PUBLISHED,
            public_url=reverse("library:item", kwargs={"item_id": item.pk})
            if item.is_public
            else "",
        )
        return context

    def form_valid(self, form: ItemForm) -> HttpResponse:
        try:
            item_services.item_update(
                item=self.item,
                by=self.user,
                values=form.values(),
                theme_ids=form.theme_ids(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        if self.item.is_public:
            messages.success(self.request, "Saved. The public library shows the changes.")
            return HttpResponseRedirect(self.url("list"))
        messages.success(self.request, "Saved. Add it to the library when it is ready.")
        return HttpResponseRedirect(self.url("publish", item_id=self.item.pk))


class ItemPublishView(ItemMixin, ConfirmActionMixin, TemplateView):
    confirm_title = "Add this item to the public library"
    confirm_label = "Add to the library"
    success_message = "Added to the learning library. Anyone can now find it."

    def confirm_context(self) -> dict[str, Any]:
        context = super().confirm_context()
        context["explanation"] = (
            f"“{self.item.title or 'Untitled'}” will be shown to anyone who searches the "
            "learning library, with its summary, key learning and confirmed themes. Check that "
            "nothing in it identifies a child or family."
        )
        return context

    def act(self) -> None:
        item_services.item_publish(item=self.item, by=self.user)

    def done_url(self) -> str:
        return self.url("list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.item_url()
        return context


class ItemWithdrawView(ItemMixin, ConfirmActionMixin, TemplateView):
    confirm_title = "Take this item out of the public library"
    explanation = (
        "It will no longer be shown to the public. It is kept here, and you can add it to the "
        "library again."
    )
    confirm_label = "Take it out of the library"
    destructive = True
    success_message = "Taken out of the learning library."

    def act(self) -> None:
        item_services.item_withdraw(item=self.item, by=self.user)

    def done_url(self) -> str:
        return self.url("list")
