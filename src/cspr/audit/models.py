"""The audit trail: one append-only table, each event chained to the one before by a SHA-256
hash, so an altered or deleted row is detectable (``manage.py verify_audit``). On PostgreSQL a
trigger also refuses UPDATE and DELETE on the table."""

import datetime as dt
import hashlib
import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGN_OUT = "sign_out", "Signed out"
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"

    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    verb = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ("-id",)
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["partnership", "-occurred_at"], name="audit_by_partnership"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_by_actor"),
            models.Index(fields=["object_type", "object_id"], name="audit_by_object"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} #{self.pk}"

    def content(self) -> dict[str, Any]:
        """What the hash covers: every column but the id and the hash itself."""
        return {
            "previous_hash": self.previous_hash,
            "occurred_at": self.occurred_at.astimezone(dt.UTC).isoformat(),
            "actor_id": self.actor_id,
            "partnership_id": self.partnership_id,
            "action": self.action,
            "verb": self.verb,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "data": self.data,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
