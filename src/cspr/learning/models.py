"""The learning library's records. Themes are one vocabulary for the whole deployment, so that
reviews from every partnership can be read together."""

from typing import ClassVar

from django.db import models

from cspr.core.models import TimestampedModel
from cspr.learning.vocabulary import FACETS


class Facet(models.TextChoices):
    HARM = FACETS[0]
    CHILD = FACETS[1]
    FAMILY = FACETS[2]
    PRACTICE = FACETS[3]


class Theme(TimestampedModel):
    """One term of the controlled vocabulary (SOURCES.md §6.3)."""

    facet = models.CharField(max_length=20, choices=Facet.choices)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    cues = models.TextField(
        "words that suggest it",
        blank=True,
        help_text="One word or phrase a line. CSPR suggests the theme when a text contains one.",
    )
    is_active = models.BooleanField("in use", default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("facet", "position", "name")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["facet", "position"])]

    def __str__(self) -> str:
        return self.name

    @property
    def cue_list(self) -> list[str]:
        return [line.strip().lower() for line in self.cues.splitlines() if line.strip()]
