"""Recurring themes: how many reviews showed each theme, year by year, in this partnership and
across the learning library (CRIT-LOCAL (b): themes that keep recurring). Two aggregate queries
whatever the number of reviews; the chart is drawn on the server as SVG, and the same numbers
are always given as a table."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from cspr.actions.models import Recommendation
from cspr.cases.models import CaseTheme
from cspr.learning.models import ItemTheme, LearningItem, Theme
from cspr.learning.ordering import theme_order
from cspr.partnerships.models import Partnership

YEARS_SHOWN = 6


@dataclass
class ThemeRow:
    theme: Theme
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class ThemeCounts:
    """Counts of reviews by theme (rows) and year (columns), themes with none left out."""

    title: str
    years: list[int]
    rows: list[ThemeRow] = field(default_factory=list)

    @property
    def highest(self) -> int:
        return max((count for row in self.rows for count in row.counts), default=0)

    @property
    def year_totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(self.years))]


def recent_years(today: dt.date, count: int = YEARS_SHOWN) -> list[int]:
    return list(range(today.year - count + 1, today.year + 1))


def _table(
    title: str, years: list[int], counted: Iterable[Any], themes: list[Theme]
) -> ThemeCounts:
    cells: dict[tuple[int, int], int] = {
        (row["theme_id"], row["year"]): row["reviews"] for row in counted
    }
    table = ThemeCounts(title=title, years=years)
    for theme in themes:
        counts = [cells.get((theme.pk, year), 0) for year in years]
        if any(counts):
            table.rows.append(ThemeRow(theme=theme, counts=counts))
    table.rows.sort(key=lambda row: (-row.total, theme_order(row.theme)))
    return table


def vocabulary() -> list[Theme]:
    """Every theme, in the vocabulary's order: read once for a page's tables."""
    return sorted(Theme.objects.all(), key=theme_order)


def local_theme_counts(
    partnership: Partnership, *, years: list[int], themes: list[Theme] | None = None
) -> ThemeCounts:
    """The partnership's cases that had a Rapid Review, by the year it started and the themes
    confirmed for the case."""
    counted = (
        CaseTheme.objects.filter(
            case__partnership=partnership, case__rapid_review__started_on__year__in=years
        )
        .annotate(year=ExtractYear("case__rapid_review__started_on"))
        .values("theme_id", "year")
        .annotate(reviews=Count("case_id", distinct=True))
        .order_by()
    )
    return _table(f"Rapid Reviews in {partnership.name}", years, counted, themes or vocabulary())


def library_theme_counts(*, years: list[int], themes: list[Theme] | None = None) -> ThemeCounts:
    """The public library's items by the year of the review and their confirmed themes."""
    counted = (
        ItemTheme.objects.filter(
            confirmed_at__isnull=False,
            item__in=LearningItem.objects.public(),
            item__year__in=years,
        )
        .values("theme_id", year=F("item__year"))
        .annotate(reviews=Count("item_id", distinct=True))
        .order_by()
    )
    return _table("Reviews in the learning library", years, counted, themes or vocabulary())


def recommendation_theme_counts(
    partnership: Partnership, *, years: list[int], themes: list[Theme] | None = None
) -> ThemeCounts:
    """The partnership's recommendations (ACTIONS) by the year they were made and their themes:
    the recommendations that recur."""
    through = Recommendation.themes.through
    counted = (
        through.objects.filter(
            recommendation__plan__case__partnership=partnership,
            recommendation__created_at__year__in=years,
        )
        .values("theme_id", year=ExtractYear("recommendation__created_at"))
        .annotate(reviews=Count("recommendation_id", distinct=True))
        .order_by()
    )
    return _table(f"Recommendations in {partnership.name}", years, counted, themes or vocabulary())
