"""The vocabulary's order for showing themes: facet by facet as SOURCES.md §6.3 lists them
(harm, child, family and context, practice), then each theme's position."""

from cspr.learning.models import Theme
from cspr.learning.vocabulary import FACETS

FACET_ORDER = {value: number for number, (value, _) in enumerate(FACETS)}


def theme_order(theme: Theme) -> tuple[int, int, str]:
    return (FACET_ORDER.get(theme.facet, len(FACET_ORDER)), theme.position, theme.name)
