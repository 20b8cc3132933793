"""The page where the business unit confirms a case's themes, with CSPR's suggestions and the
words behind each (read against earlier reviews on the Rapid Review page)."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.views.generic import FormView

from cspr.cases.access import CaseMixin, case_url
from cspr.cases.forms import CaseThemesForm
from cspr.cases.themes import case_theme_suggestions, case_themes_confirm, confirmed_themes
from cspr.learning.models import Facet, Theme


class CaseThemesView(CaseMixin, FormView):
    """Confirm the case's themes, with CSPR's suggestions and the words behind each."""

    permission_required = "cases.confirm_themes"
    template_name = "cases/themes.html"
    form_class = CaseThemesForm

    def get_initial(self) -> dict[str, Any]:
        return {"themes": confirmed_themes(self.case)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form: CaseThemesForm = context["form"]
        suggestions = {s.theme.pk: s for s in case_theme_suggestions(self.case)}
        chosen = {str(value) for value in form["themes"].value() or []}
        themes = list(Theme.objects.filter(is_active=True))
        input_ids = {theme.pk: f"id_themes_{number}" for number, theme in enumerate(themes, 1)}
        context["facets"] = [
            {
                "label": label,
                "value": value,
                "themes": [
                    {
                        "theme": theme,
                        "input_id": input_ids[theme.pk],
                        "checked": str(theme.pk) in chosen,
                        "suggestion": suggestions.get(theme.pk),
                    }
                    for theme in themes
                    if theme.facet == value
                ],
            }
            for value, label in Facet.choices
        ]
        context["suggested_count"] = len(suggestions)
        return context

    def form_valid(self, form: CaseThemesForm) -> HttpResponse:
        case_themes_confirm(case=self.case, themes=form.cleaned_data["themes"], by=self.user)
        messages.success(self.request, "Themes confirmed.")
        return HttpResponseRedirect(case_url(self.case))
