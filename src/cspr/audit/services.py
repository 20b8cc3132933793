"""The one entry point for writing to the audit trail: :func:`audit_record`."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction

from cspr.accounts.models import User
from cspr.audit.models import GENESIS_HASH, AuditEvent

# Holding this PostgreSQL advisory lock serialises appends, so the chain never forks.
AUDIT_CHAIN_LOCK_KEY = 0x43535052  # "CSPR"

# Verbs are dotted and past tense; the last word says which kind of action it was.
ACTION_BY_VERB_ENDING = {
    "viewed": AuditEvent.Action.VIEW,
    "created": AuditEvent.Action.CREATE,
    "referred": AuditEvent.Action.CREATE,
    "raised": AuditEvent.Action.CREATE,
    "imported": AuditEvent.Action.CREATE,
    "recorded": AuditEvent.Action.CREATE,
    "added": AuditEvent.Action.CREATE,
    "deleted": AuditEvent.Action.DELETE,
    "removed": AuditEvent.Action.DELETE,
    "exported": AuditEvent.Action.EXPORT,
    "downloaded": AuditEvent.Action.EXPORT,
    "signed_in": AuditEvent.Action.SIGN_IN,
    "sign_in_failed": AuditEvent.Action.SIGN_IN_FAILED,
    "signed_out": AuditEvent.Action.SIGN_OUT,
}


def action_for(verb: str) -> AuditEvent.Action:
    """``agency.created`` is a create; any other change of state (``case.notified``) an update."""
    return ACTION_BY_VERB_ENDING.get(verb.rsplit(".", 1)[-1], AuditEvent.Action.UPDATE)


def _partnership_id_of(obj: models.Model | None) -> int | None:
    if obj is None:
        return None
    if obj._meta.label == "partnerships.Partnership":
        return int(obj.pk)
    partnership_id = getattr(obj, "partnership_id", None)
    return int(partnership_id) if partnership_id is not None else None


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK_KEY])


@transaction.atomic
def audit_record(
    *,
    by: User | AnonymousUser | None,
    verb: str,
    obj: models.Model | None = None,
    partnership_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail, in the caller's transaction.

    ``data`` holds ids and field names only, never personal values (a changed field's name,
    not what it was changed to).
    """
    _lock_chain()
    previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        actor=by if isinstance(by, User) else None,
        partnership_id=partnership_id if partnership_id is not None else _partnership_id_of(obj),
        action=action_for(verb),
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
        previous_hash=previous or GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    return event
