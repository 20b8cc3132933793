"""The audit trail of a database restored from a partnership archive.

The trail is one hash chain for the whole deployment, and an archive holds one partnership's
events, so the restored events do not all link: between two of them the source database had
other events (other partnerships', sign-ins). The archive lists those gaps; the import records
them (``ChainGap``) with a digest of the list in its own audit event (``partnership.imported``),
and ``verify_chain`` accepts a gap only when that event, itself in the chain, vouches for it.

What a restored trail proves: every restored event is unaltered (its content matches its hash);
events that followed each other in the source still link; each gap is one the archive recorded,
taken from a source chain checked at export. It cannot show what the left-out events were.
"""

import hashlib
import json
from collections.abc import Iterable

from cspr.backups.models import ChainGap, Restore


def gaps_digest(gaps: Iterable[tuple[str, str, int]]) -> str:
    """SHA-256 of the gaps, as sorted [after hash, next previous hash, elided] triples."""
    canonical = json.dumps(sorted([list(gap) for gap in gaps]), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _vouched() -> list[ChainGap]:
    gaps: list[ChainGap] = []
    by_restore: dict[int, list[ChainGap]] = {}
    for gap in ChainGap.objects.order_by("pk"):
        by_restore.setdefault(gap.restore_id, []).append(gap)
    for restore in Restore.objects.select_related("audit_event"):
        own = by_restore.get(restore.pk, [])
        triples = [(g.after_hash, g.next_previous_hash, g.elided) for g in own]
        if restore.audit_event.data.get("gaps_sha256") == gaps_digest(triples):
            gaps.extend(own)
    return gaps


def restored_gaps() -> dict[str, str]:
    """For ``audit.chain.GAP_SOURCES``: the gaps their restore's audit event vouches for."""
    return {gap.after_hash: gap.next_previous_hash for gap in _vouched()}


def recorded_gaps() -> dict[str, tuple[str, int]]:
    """The same gaps with how many events each leaves out (for exporting a restored
    partnership again)."""
    return {gap.after_hash: (gap.next_previous_hash, gap.elided) for gap in _vouched()}
