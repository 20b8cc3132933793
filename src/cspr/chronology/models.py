"""The multi-agency chronology of a review: each agency's entries, merged in one view."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cspr.core.models import VersionedModel


class Significance(models.TextChoices):
    ROUTINE = "routine", "Routine"
    OF_NOTE = "of_note", "Of note"
    KEY_PRACTICE_EPISODE = "key_practice_episode", "Key practice episode"


class ImportBatch(models.Model):
    """One spreadsheet imported into the chronology: every entry it made points to it."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="chronology_imports"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=255)
    rows = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Chronology import {self.pk}"


class ChronologyEntry(VersionedModel):
    """What one agency knew or did on a date (or over a period), and how much it matters."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="chronology"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField("date")
    occurred_at_time = models.TimeField("time", null=True, blank=True)
    occurred_until = models.DateField("end date", null=True, blank=True)
    source = models.CharField(max_length=200, help_text="For example, GP record.")
    people_involved = models.TextField()
    what_happened = models.TextField()
    what_was_done = models.TextField(blank=True)
    significance = models.CharField(
        max_length=30, choices=Significance.choices, default=Significance.ROUTINE
    )
    # The start of what_happened, normalised (see duplicates.match_key): entries of different
    # agencies on the same day with the same key are marked as possible duplicates.
    match_key = models.CharField(max_length=60, blank=True, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )

    class Meta:
        verbose_name_plural = "chronology entries"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(occurred_until__isnull=True) | Q(occurred_until__gte=F("occurred_on")),
                name="chronology_entry_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(significance__in=Significance.values),
                name="chronology_entry_significance_known",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["review", "occurred_on", "id"], name="chronology_by_date"),
            models.Index(fields=["review", "agency", "occurred_on"], name="chronology_by_agency"),
            models.Index(
                fields=["review", "significance", "occurred_on"],
                name="chronology_by_significance",
            ),
        ]

    def __str__(self) -> str:
        return f"Chronology entry {self.pk}"

    @property
    def is_key_practice_episode(self) -> bool:
        return self.significance == Significance.KEY_PRACTICE_EPISODE
