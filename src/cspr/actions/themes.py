"""Themes for recommendations: the controlled vocabulary in use (``cspr.learning``), and the
themes it suggests for a recommendation's words (``learning.suggestions``)."""

from collections.abc import Sequence

from cspr.learning.models import Theme
from cspr.learning.suggestions import suggest_themes


def active_themes() -> list[Theme]:
    """The vocabulary in use, by facet then position (one query)."""
    return list(Theme.objects.filter(is_active=True).order_by("facet", "position", "name"))


def suggestions_for(text: str, themes: Sequence[Theme]) -> dict[int, tuple[str, ...]]:
    """Theme id -> the cue words in ``text`` that suggest it, strongest first."""
    return {s.theme.pk: s.reasons for s in suggest_themes(text, themes)}
