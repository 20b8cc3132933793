from typing import ClassVar

from django.conf import settings
from django.db import models

from cspr.core.models import TimestampedModel, VersionedModel


class ExtraBankHoliday(TimestampedModel):
    """A bank holiday announced after the ``holidays`` package was released (CAL-WD)."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name}"


class RuleSetting(VersionedModel):
    """A partnership's own length for a rule that RULES.md marks configurable."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="rule_settings"
    )
    rule_id = models.CharField(max_length=40)
    length = models.PositiveSmallIntegerField()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("rule_id",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["partnership", "rule_id"], name="rule_setting_unique"),
            models.CheckConstraint(condition=models.Q(length__gte=1), name="rule_length_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.length}"
