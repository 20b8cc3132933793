"""Pages for administrators to list, add and change the themes of the vocabulary, and to try
the suggestions on a text. Thin: forms validate, services write, selectors read.

Theme pages show no partnership's data, so viewing them writes no audit event; every change
does (``theme_services``)."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, TemplateView

from cspr.accounts.models import User, signed_in_user
from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.views import ProtectedViewMixin
from cspr.learning import (
    theme_permissions,  # noqa: F401 (registers learning.edit_themes)
    theme_services,
)
from cspr.learning.models import Theme
from cspr.learning.suggestions import suggest_themes
from cspr.learning.theme_forms import ThemeForm, TryThemesForm
from cspr.learning.theme_selectors import theme_list

PAGE_SIZE = 50
LIST_URL = reverse_lazy("themes:list")


class ThemePageMixin(ProtectedViewMixin):
    permission_required = "learning.edit_themes"

    @property
    def user(self) -> User:
        return signed_in_user(self.request.user)


class ThemeListView(ThemePageMixin, TemplateView):
    template_name = "learning/themes/theme_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(theme_list(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class ThemeFormView(EditConflictMixin, ThemePageMixin, FormView):
    """Add a theme, or change one (``theme_id`` in the address). A theme carries no version:
    the time it was last saved (``opened``) says which save the form was opened on."""

    template_name = "learning/themes/theme_form.html"
    form_class = ThemeForm
    theme: Theme | None = None
    conflict_record = "theme"
    conflict_version_field = "opened"

    def has_permission(self) -> bool:
        allowed = bool(super().has_permission())
        theme_id = self.kwargs.get("theme_id")
        if allowed and theme_id is not None:
            self.theme = Theme.objects.filter(pk=theme_id).first()
            if self.theme is None:
                raise Http404
        return allowed

    def get_initial(self) -> dict[str, Any]:
        if self.theme is None:
            return {"is_active": True}
        return {
            "facet": self.theme.facet,
            "name": self.theme.name,
            "description": self.theme.description,
            "cues": self.theme.cues,
            "is_active": self.theme.is_active,
            "opened": self.theme.updated_at.isoformat(),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = f"Change the theme {self.theme.name}" if self.theme else "Add a theme"
        context["caption"] = "Themes"
        context["cancel_url"] = LIST_URL
        context["theme"] = self.theme
        return context

    def form_valid(self, form: ThemeForm) -> HttpResponse:
        try:
            if self.theme is None:
                theme = theme_services.theme_create(by=self.user, **form.values())
                messages.success(self.request, f"Theme “{theme.name}” added.")
            else:
                opened = form.cleaned_data.get("opened") or self.theme.updated_at
                theme = theme_services.theme_update(
                    theme=self.theme, by=self.user, expected_updated_at=opened, **form.values()
                )
                messages.success(self.request, f"Theme “{theme.name}” saved.")
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        return HttpResponseRedirect(LIST_URL)


class ThemeTryView(ThemePageMixin, FormView):
    """Paste a text and see the themes suggested for it, with their reasons. Nothing is saved
    and the text is not put in the address."""

    template_name = "learning/themes/theme_try.html"
    form_class = TryThemesForm

    def form_valid(self, form: TryThemesForm) -> HttpResponse:
        suggestions = suggest_themes(form.cleaned_data["text"])
        return self.render_to_response(
            self.get_context_data(form=form, suggestions=suggestions, tried=True)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Try the theme suggestions"
        context["caption"] = "Themes"
        context["back_url"] = reverse("themes:list")
        return context
