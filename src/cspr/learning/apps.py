from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _repair_sqlite_search(using: str = "default", **kwargs: Any) -> None:
    from cspr.learning.search_schema import ensure_sqlite_search  # noqa: PLC0415

    ensure_sqlite_search(connections[using])


class LearningConfig(AppConfig):
    """The learning library: themes, library items, search and recurring themes."""

    name = "cspr.learning"
    label = "learning"
    verbose_name = "Learning library"

    def ready(self) -> None:
        from cspr.learning import (  # noqa: F401, PLC0415
            permissions,
            recurring_permissions,
            theme_permissions,
        )

        post_migrate.connect(_repair_sqlite_search, sender=self)
