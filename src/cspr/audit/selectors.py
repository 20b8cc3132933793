"""Reading the audit trail."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from cspr.audit.models import AuditEvent
from cspr.partnerships.models import Partnership


@dataclass(frozen=True)
class TrailFilters:
    actor_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_trail(*, partnership: Partnership, filters: TrailFilters) -> QuerySet[AuditEvent]:
    """A partnership's events, newest first, narrowed by the filters."""
    events = AuditEvent.objects.filter(partnership=partnership)
    if filters.actor_id:
        events = events.filter(actor_id=filters.actor_id)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.date_from:
        events = events.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(occurred_at__date__lte=filters.date_to)
    return events.select_related("actor").order_by("-occurred_at", "-id")


def object_types_in(*, partnership: Partnership) -> list[str]:
    return list(
        AuditEvent.objects.filter(partnership=partnership)
        .exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
