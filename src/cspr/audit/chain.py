"""Checking the audit trail's hash chain."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cspr.audit.models import GENESIS_HASH, AuditEvent

# Gaps the chain may have, each as {hash of the event before it: previous_hash of the event
# after it}. A database restored from one partnership's archive (cspr.backups) holds that
# partnership's events of a deployment-wide chain; the restore records where the others were,
# and registers here the gaps its own audited record vouches for.
GAP_SOURCES: list[Callable[[], Mapping[str, str]]] = []


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""
    bridged: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk every event in order and report the first broken link.

    An altered row no longer matches its own hash; a deleted row leaves the next event pointing
    at a hash that is not the one before it, unless a restore recorded that gap.
    """
    gaps: dict[str, str] = {}
    for source in GAP_SOURCES:
        gaps.update(source())
    expected_previous = GENESIS_HASH
    previous_id: int | None = None
    checked = bridged = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.previous_hash != expected_previous:
            if gaps.get(expected_previous) != event.previous_hash:
                after = f"event {previous_id}" if previous_id else "the start of the trail"
                return ChainReport(
                    checked=checked,
                    broken_at=event.pk,
                    reason=f"event {event.pk} does not follow {after}: "
                    "an event between them was deleted, or one was altered",
                    bridged=bridged,
                )
            bridged += 1
        if event.compute_hash() != event.hash:
            return ChainReport(
                checked=checked,
                broken_at=event.pk,
                reason=f"event {event.pk} was altered: its content no longer matches its hash",
                bridged=bridged,
            )
        expected_previous = event.hash
        previous_id = event.pk
        checked += 1
    return ChainReport(checked=checked, bridged=bridged)
