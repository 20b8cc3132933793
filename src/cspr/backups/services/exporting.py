"""Export one partnership to an archive (``manage.py export_partnership``).

Everything is read in one transaction (on PostgreSQL a read-only REPEATABLE READ snapshot), so
the archive is one consistent moment of the partnership. Its rows are those of
``graph.exported_plans()``; an exported row that refers to a row the archive does not hold
(another partnership's, or a model listed as not partnership data) stops the export, because
the archive could not be restored.
"""

import bisect
import contextlib
import datetime as dt
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.chain import verify_chain
from cspr.audit.models import GENESIS_HASH, AuditEvent
from cspr.audit.services import audit_record
from cspr.backups import graph
from cspr.backups.archive import (
    FORMAT,
    FORMAT_VERSION,
    GAPS,
    ArchiveWriter,
    columns,
    data_member,
    dumps,
    encode_row,
    file_member,
)
from cspr.backups.graph import ModelPlan
from cspr.backups.restored_chain import recorded_gaps
from cspr.backups.state import cspr_version, migration_state
from cspr.core.errors import DomainError
from cspr.partnerships.models import Partnership


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(entry["count"] for entry in self.manifest["models"])


@dataclass
class _Collected:
    """What the rows written so far refer to, by target model, and their files."""

    pks: dict[type[models.Model], set[Any]]
    refs: dict[tuple[type[models.Model], str], set[Any]]
    files: dict[str, Any]  # storage name -> storage
    events: list[tuple[int, str, str]]  # exported audit events: id, previous hash, hash
    done: set[type[models.Model]]  # models written in full
    detached: dict[str, int]  # "label.field" -> references emptied

    def outside(self, target: type[models.Model], value: Any, kind: str | None) -> bool:
        """Whether the row ``value`` of ``target`` is certain not to be in the archive."""
        if kind in {None, "excluded", "unclassified"}:
            return True
        return target in self.done and value not in self.pks.get(target, set())


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent read of the database for the whole export. Inside an outer transaction
    (as in tests) the snapshot is the outer one's."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _rows(plan: ModelPlan, partnership: Partnership, users: list[int]) -> models.QuerySet[Any]:
    manager = plan.model._base_manager
    if plan.kind == "partnership":
        return manager.filter(pk=partnership.pk)
    if plan.kind == "partnership_data":
        return graph.rows_reaching(plan, [partnership.pk])
    if plan.kind == "user":
        return manager.filter(pk__in=users)
    if plan.kind == "user_data":
        return graph.rows_reaching(plan, users)
    return manager.all()  # reference data: the whole table


def _write_model(
    writer: ArchiveWriter, plan: ModelPlan, queryset: models.QuerySet[Any], seen: _Collected
) -> dict[str, Any]:
    model = plan.model
    fields = columns(model)
    keys = graph.foreign_keys(model)
    owning = {f.name for f in graph.owning_keys(model)}
    kinds = {p.model: p.kind for p in graph.plans()}
    files = graph.file_fields(model)
    is_audit = model is AuditEvent
    pks = seen.pks.setdefault(model, set())

    def lines() -> Iterator[bytes]:
        for obj in queryset.order_by("pk").iterator(chunk_size=2000):
            pks.add(obj.pk)
            for field in keys:
                value = getattr(obj, field.attname)
                if value is None:
                    continue
                target = graph.target_of(field)
                if field.name not in owning and seen.outside(target, value, kinds.get(target)):
                    # Only a reference, to a row that is not the partnership's (another
                    # partnership's published learning): emptied, as if that row were deleted.
                    setattr(obj, field.attname, None)
                    seen.detached[f"{plan.label}.{field.name}"] += 1
                elif plan.kind != "reference":
                    seen.refs[(target, field.name)].add(value)
            for file_field in files:
                name = getattr(obj, file_field.attname).name
                if name:
                    seen.files[name] = file_field.storage
            if is_audit:
                seen.events.append((obj.pk, obj.previous_hash, obj.hash))
            yield dumps(encode_row(obj, fields))

    count = writer.write_lines(data_member(model), lines())
    seen.done.add(model)
    return {
        "label": plan.label,
        "kind": plan.kind,
        "member": data_member(model),
        "count": count,
        "fields": [f.attname for f in fields],
        **(
            {"natural_key": list(graph.REFERENCE_DATA[plan.label])}
            if plan.kind == "reference"
            else {}
        ),
    }


def _check_closed(seen: _Collected, exported: dict[type[models.Model], ModelPlan]) -> None:
    """Every row the archive's rows refer to must be in the archive."""
    for (target, field_name), values in sorted(seen.refs.items(), key=lambda i: str(i[0])):
        plan = exported.get(target)
        if plan is not None and plan.kind == "reference":
            continue
        outside = values - seen.pks.get(target, set())
        if outside:
            raise DomainError(
                f"{len(outside)} exported row(s) refer through {field_name} to "
                f"{target._meta.label} rows that are not this partnership's, so the archive "
                "could not be restored. Nothing was written."
            )


def _gaps(events: list[tuple[int, str, str]], partnership: Partnership) -> list[dict[str, Any]]:
    """Where consecutive exported events do not link: the event before (or the start of the
    trail), the next exported event's previous hash, and how many events came between."""
    if not events:
        return []
    ids = [event[0] for event in events]
    between = [0] * len(ids)  # events before exported event i and after event i - 1
    others = (
        AuditEvent.objects.filter(id__lt=ids[-1])
        .exclude(partnership_id=partnership.pk)
        .values_list("id", flat=True)
        .order_by("id")
    )
    for other in others.iterator(chunk_size=10000):
        between[bisect.bisect_left(ids, other)] += 1
    recorded = recorded_gaps()
    gaps = []
    expected = GENESIS_HASH
    for index, (_, previous, own) in enumerate(events):
        if previous != expected:
            elided = between[index]
            bridge = recorded.get(expected)
            if bridge is not None and bridge[0] == previous:
                elided += bridge[1]
            gaps.append({"after_hash": expected, "next_previous_hash": previous, "elided": elided})
        expected = own
    return gaps


def _temporary_beside(path: Path) -> tuple[Path, Any]:
    temporary = path.with_name(f".{path.name}.partial")
    # The archive is as sensitive as the database: readable by its owner only.
    descriptor = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    return temporary, os.fdopen(descriptor, "w+b")


def partnership_export(*, partnership: Partnership, path: Path, by: User | None) -> ExportResult:
    """Write ``partnership``'s archive to ``path`` (replacing nothing: the path must be free),
    then record the export, with the archive's SHA-256, in the audit trail."""
    if path.exists():
        raise DomainError(f"{path} already exists. Choose another file name.")
    temporary, target = _temporary_beside(path)
    try:
        with target:
            manifest = _export(partnership, target)
            target.seek(0)
            digest = hashlib.sha256()
            while chunk := target.read(1024 * 1024):
                digest.update(chunk)
        temporary.rename(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sha256 = digest.hexdigest()
    audit_record(
        by=by,
        verb="partnership.exported",
        obj=partnership,
        data={
            "archive_sha256": sha256,
            "rows": sum(entry["count"] for entry in manifest["models"]),
            "files": manifest["files"],
            "format_version": FORMAT_VERSION,
        },
    )
    return ExportResult(path=path, sha256=sha256, manifest=manifest)


def _export(partnership: Partnership, target: Any) -> dict[str, Any]:
    writer = ArchiveWriter(target)
    try:
        manifest = _write_archive(partnership, writer)
    except BaseException:
        writer.abandon()
        raise
    writer.close(manifest)
    return manifest


def _write_archive(partnership: Partnership, writer: ArchiveWriter) -> dict[str, Any]:
    seen = _Collected(
        pks={}, refs=defaultdict(set), files={}, events=[], done=set(), detached=defaultdict(int)
    )
    plans = graph.exported_plans()
    exported = {plan.model: plan for plan in plans}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    entries: dict[str, dict[str, Any]] = {}
    with _snapshot():
        chain = verify_chain()
        # Partnership rows first: the people exported are those they refer to.
        for plan in plans:
            if plan.kind in {"partnership", "partnership_data"}:
                entries[plan.label] = _write_model(writer, plan, _rows(plan, partnership, []), seen)
        users = sorted(
            {
                pk
                for (target, _), values in seen.refs.items()
                if target is user_model
                for pk in values
            }
        )
        for plan in plans:
            if plan.kind in {"user", "user_data", "reference"}:
                entries[plan.label] = _write_model(
                    writer, plan, _rows(plan, partnership, users), seen
                )
        _check_closed(seen, exported)
        gaps = _gaps(seen.events, partnership)
        gap_count = writer.write_lines(GAPS, (dumps(gap) for gap in gaps))
        for name in sorted(seen.files):
            storage = seen.files[name]
            if not storage.exists(name):
                raise DomainError(
                    f"A file the partnership's records name is missing from storage ({name}), "
                    "so the archive would not be complete. Nothing was written."
                )
            with storage.open(name, "rb") as source:
                writer.write_stream(file_member(name), source)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "cspr_version": cspr_version(),
            "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
            "database": connection.vendor,
            "partnership": {"id": partnership.pk, "slug": partnership.slug},
            "migrations": migration_state(),
            "models": [entries[plan.label] for plan in plans],
            "files": len(seen.files),
            "detached": dict(sorted(seen.detached.items())),
            "audit": {
                "events": len(seen.events),
                "gaps": gap_count,
                "gaps_member": GAPS,
                "source_chain": {
                    "intact": chain.intact,
                    "checked": chain.checked,
                    "reason": chain.reason,
                },
            },
        }
    return manifest
