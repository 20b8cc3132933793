"""The recurring themes pages: the partnership's own (its Rapid Reviews and its
recommendations, with the library beside them) and the public one (the library only)."""

from typing import Any

from django.utils import timezone
from django.views.generic import TemplateView

from cspr.core.views import PublicViewMixin
from cspr.learning.charts import theme_year_heatmap
from cspr.learning.recurring import (
    ThemeCounts,
    library_theme_counts,
    local_theme_counts,
    recent_years,
    recommendation_theme_counts,
    vocabulary,
)
from cspr.partnerships.access import PartnershipPageMixin


def _charted(counts: ThemeCounts, chart_id: str) -> dict[str, Any]:
    return {
        "counts": counts,
        "chart": theme_year_heatmap(counts, chart_id=chart_id),
        "id": chart_id,
    }


class RecurringThemesView(PartnershipPageMixin, TemplateView):
    permission_required = "learning.view_recurring_themes"
    template_name = "learning/recurring/partnership.html"
    audit_verb = "recurring_themes.viewed"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        years, themes = recent_years(timezone.localdate()), vocabulary()
        partnership = self.partnership
        return super().get_context_data(
            tables=[
                _charted(local_theme_counts(partnership, years=years, themes=themes), "local"),
                _charted(
                    recommendation_theme_counts(partnership, years=years, themes=themes), "recs"
                ),
                _charted(library_theme_counts(years=years, themes=themes), "library"),
            ],
            **kwargs,
        )


class PublicRecurringThemesView(PublicViewMixin, TemplateView):
    template_name = "learning/recurring/public.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        years = recent_years(timezone.localdate())
        return super().get_context_data(
            tables=[_charted(library_theme_counts(years=years), "library")], **kwargs
        )
