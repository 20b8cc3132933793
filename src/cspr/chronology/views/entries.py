"""Adding an entry by form, changing it and deleting it (confirm on GET, act on POST)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import FormView, TemplateView

from cspr.chronology import services
from cspr.chronology.access import ChronologyPageMixin, EntryPageMixin, chronology_url
from cspr.chronology.forms import EntryForm
from cspr.chronology.selectors import addable_agencies
from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit


class _EntryFormMixin:
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        view: Any = self
        kwargs["agencies"] = addable_agencies(user=view.user, review=view.review)
        return kwargs


class EntryAddView(_EntryFormMixin, ChronologyPageMixin, FormView):
    permission_required = "chronology.add"
    template_name = "core/form_page.html"
    form_class = EntryForm
    audit_verb = "chronology_entry_form.viewed"

    def get_initial(self) -> dict[str, Any]:
        agencies = list(addable_agencies(user=self.user, review=self.review)[:2])
        return {"agency": agencies[0]} if len(agencies) == 1 else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Add an entry to the chronology", **kwargs)

    def form_valid(self, form: EntryForm) -> HttpResponse:
        try:
            services.chronology_entry_add(review=self.review, by=self.user, values=form.values())
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Entry added to the chronology.")
        return HttpResponseRedirect(chronology_url(self.review))


class EntryEditView(EditConflictMixin, _EntryFormMixin, EntryPageMixin, FormView):
    permission_required = "chronology.change_entry"
    template_name = "core/form_page.html"
    form_class = EntryForm
    conflict_record = "entry"

    def get_initial(self) -> dict[str, Any]:
        entry = self.entry
        return {
            "agency": entry.agency_id,
            "occurred_on": entry.occurred_on,
            "occurred_at_time": f"{entry.occurred_at_time:%H:%M}" if entry.occurred_at_time else "",
            "occurred_until": entry.occurred_until,
            "source": entry.source,
            "people_involved": entry.people_involved,
            "what_happened": entry.what_happened,
            "what_was_done": entry.what_was_done,
            "significance": entry.significance,
            "version": entry.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Change the entry", **kwargs)

    def form_valid(self, form: EntryForm) -> HttpResponse:
        try:
            services.chronology_entry_update(
                entry=self.entry,
                by=self.user,
                values=form.values(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Entry changed.")
        return HttpResponseRedirect(chronology_url(self.review))


class EntryDeleteView(EntryPageMixin, TemplateView):
    permission_required = "chronology.change_entry"
    template_name = "core/confirm_page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entry = self.entry
        return super().get_context_data(
            title="Delete this entry",
            explanation=f"The entry of {entry.occurred_on:%d/%m/%Y} by {entry.agency.name} "
            "will be removed from the chronology. This cannot be undone.",
            confirm_label="Delete the entry",
            destructive=True,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.chronology_entry_delete(entry=self.entry, by=self.user)
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error.message), status=400)
        messages.success(request, "Entry deleted.")
        return HttpResponseRedirect(chronology_url(self.review))
