"""Checking the audit trail's hash chain."""

from dataclasses import dataclass

from cspr.audit.models import GENESIS_HASH, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk every event in order and report the first broken link.

    An altered row no longer matches its own hash; a deleted row leaves the next event pointing
    at a hash that is not the one before it.
    """
    expected_previous = GENESIS_HASH
    previous_id: int | None = None
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.previous_hash != expected_previous:
            after = f"event {previous_id}" if previous_id else "the start of the trail"
            return ChainReport(
                checked=checked,
                broken_at=event.pk,
                reason=f"event {event.pk} does not follow {after}: "
                "an event between them was deleted, or one was altered",
            )
        if event.compute_hash() != event.hash:
            return ChainReport(
                checked=checked,
                broken_at=event.pk,
                reason=f"event {event.pk} was altered: its content no longer matches its hash",
            )
        expected_previous = event.hash
        previous_id = event.pk
        checked += 1
    return ChainReport(checked=checked)
