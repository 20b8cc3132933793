"""A partnership's retention period for closed cases, the record of each case deleted under it,
and the record of each restore of a partnership archive with the gaps it leaves in the audit
trail's hash chain (see ``restored_chain``)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cspr.core.models import TimestampedModel, VersionedModel

MAX_RETENTION_YEARS = 100


class RetentionPolicy(VersionedModel):
    """How long a partnership keeps its closed cases. Without one, nothing is ever deleted."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="retention_policy"
    )
    years = models.PositiveSmallIntegerField("years to keep a closed case")
    basis = models.TextField("where the period comes from", blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "retention policies"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=MAX_RETENTION_YEARS),
                name="retention_years_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Keep closed cases {self.years} years"


class CaseDeletion(TimestampedModel):
    """A closed case deleted when its retention period ran out. The case may be gone (or kept
    as a tombstone for its published report), so it is named by id and reference, never by a
    foreign key; ``rows`` and ``kept`` count what was deleted and kept, by model."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="+"
    )
    case_id = models.BigIntegerField()
    reference = models.CharField(max_length=30)
    closed_on = models.DateField()
    years = models.PositiveSmallIntegerField()
    deleted_on = models.DateField()
    tombstone = models.BooleanField(
        default=False, help_text="The case row stays, emptied, because a public record needs it."
    )
    rows = models.JSONField(default=dict)
    kept = models.JSONField(default=dict)
    files = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-deleted_on", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case_id"], name="case_deleted_once"),
        ]

    def __str__(self) -> str:
        return f"Deletion of case {self.case_id}"


class Restore(models.Model):
    """One import of a partnership archive. Append-only (a trigger on PostgreSQL)."""

    partnership_slug = models.SlugField(max_length=60)
    archive_sha256 = models.CharField(max_length=64)
    format_version = models.PositiveSmallIntegerField()
    exported_at = models.DateTimeField()
    restored_at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(default=dict)
    audit_event = models.OneToOneField(
        "audit.AuditEvent", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("restored_at", "pk")

    def __str__(self) -> str:
        return f"Restore {self.pk} of {self.partnership_slug}"


class ChainGap(models.Model):
    """A place where the restored audit events skip events of the source database that are
    not in the archive (other partnerships', sign-ins): the event with hash ``after_hash`` (or
    the start of the trail) was followed by ``elided`` events, then by the restored event whose
    ``previous_hash`` is ``next_previous_hash``. Append-only (a trigger on PostgreSQL)."""

    restore = models.ForeignKey(Restore, on_delete=models.PROTECT, related_name="gaps")
    after_hash = models.CharField(max_length=64, unique=True)
    next_previous_hash = models.CharField(max_length=64, unique=True)
    elided = models.PositiveBigIntegerField()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"Gap {self.pk} of restore {self.restore_id}"
