"""Restore a partnership archive into an empty database (``manage.py import_partnership``).

Refused, with nothing written, when: a member does not match the manifest's SHA-256 (or the
signature, when ``CSPR_BACKUP_KEY`` is set); the format version is not this one's; any app's
applied migrations differ; the database already holds the partnership, any partnership data,
any audit event, one of the archive's people or one of its files; or the archive's audit
events do not verify (each event's own hash, each link or recorded gap).

Rows keep their primary keys (the audit trail's hashes cover the ids they name), so
PostgreSQL's sequences are moved past them afterwards. Shared reference data (themes, extra
bank holidays) is matched by natural key. Everything is written in one transaction; the files
are written last, inside it, and removed again if anything fails.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.functions import Lower
from django.db.models.sql import InsertQuery

from cspr.audit.chain import verify_chain
from cspr.audit.models import GENESIS_HASH, AuditEvent
from cspr.audit.services import audit_record
from cspr.backups import graph
from cspr.backups.archive import (
    KEY_VARIABLE,
    ArchiveReader,
    ArchiveRefused,
    columns,
    decode_row,
    file_member,
    safe_storage_name,
)
from cspr.backups.models import ChainGap, Restore
from cspr.backups.restored_chain import gaps_digest
from cspr.backups.state import migration_differences
from cspr.partnerships.models import Partnership

BATCH = 500


@dataclass
class ImportResult:
    partnership: Partnership
    archive_sha256: str
    rows: int
    files: int
    gaps: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    model: type[models.Model]
    kind: str
    member: str
    count: int
    natural_key: tuple[str, ...]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def archive_verify(*, path: Path) -> dict[str, Any]:
    """Check an archive without restoring it (a restore drill's first step): every checksum,
    the format, and its audit events. Returns the manifest."""
    reader = ArchiveReader(path)
    try:
        manifest = reader.verify()
        entries = _entries(manifest)
        _check_audit(reader, entries, manifest)
        return manifest
    finally:
        reader.close()


def partnership_import(*, path: Path) -> ImportResult:
    """Restore the archive at ``path`` into this (empty) database."""
    sha256 = file_sha256(path)
    reader = ArchiveReader(path)
    try:
        manifest = reader.verify()
        differences = migration_differences(manifest.get("migrations", {}))
        if differences:
            raise ArchiveRefused(
                "The archive was made by a CSPR whose database migrations differ from this one's "
                f"({', '.join(differences)}). Restore it with the same version of CSPR, then "
                "upgrade."
            )
        entries = _entries(manifest)
        _check_audit(reader, entries, manifest)
        _check_empty(reader, entries, manifest)
        result = _restore(reader, entries, manifest, sha256)
    finally:
        reader.close()
    if not reader.signed:
        result.warnings.append(
            f"The archive's signature was not checked ({KEY_VARIABLE} is not set): its checksums "
            "show it is undamaged, not who made it."
        )
    source = manifest["audit"]["source_chain"]
    if not source["intact"]:
        result.warnings.append(
            f"When it was exported, the source's audit trail was broken: {source['reason']}."
        )
    return result


def _entries(manifest: dict[str, Any]) -> list[_Entry]:
    """The archive's models, each found here with the same columns, parents first."""
    found: dict[type[models.Model], _Entry] = {}
    for item in manifest["models"]:
        try:
            model = apps.get_model(item["label"])
        except (LookupError, ValueError) as error:
            raise ArchiveRefused(
                f"The archive holds {item['label']}, which this CSPR does not have."
            ) from error
        if item["fields"] != [f.attname for f in columns(model)]:
            raise ArchiveRefused(
                f"The archive's {item['label']} has other columns than this CSPR's. Restore it "
                "with the same version of CSPR."
            )
        found[model] = _Entry(
            model=model,
            kind=item["kind"],
            member=item["member"],
            count=item["count"],
            natural_key=tuple(item.get("natural_key", ())),
        )
    plans = graph.insertion_order(
        graph.ModelPlan(model, entry.kind) for model, entry in found.items()
    )
    return [found[plan.model] for plan in plans]


def _entry(entries: list[_Entry], model: type[models.Model]) -> _Entry | None:
    return next((entry for entry in entries if entry.model is model), None)


def _check_audit(reader: ArchiveReader, entries: list[_Entry], manifest: dict[str, Any]) -> None:
    """Each archived event matches its own hash, and follows the one before it or a gap the
    archive lists; every listed gap is used."""
    entry = _entry(entries, AuditEvent)
    if entry is None:
        return
    gaps = {
        gap["after_hash"]: gap["next_previous_hash"]
        for gap in reader.lines(manifest["audit"]["gaps_member"])
    }
    used = 0
    expected = GENESIS_HASH
    for row in reader.lines(entry.member):
        event = decode_row(AuditEvent, row)
        assert isinstance(event, AuditEvent)  # noqa: S101 (decode_row builds the model it is given)
        if event.compute_hash() != event.hash:
            raise ArchiveRefused(f"Audit event {event.pk} in the archive was altered.")
        if event.previous_hash != expected:
            if gaps.get(expected) != event.previous_hash:
                raise ArchiveRefused(
                    f"Audit event {event.pk} in the archive does not follow the one before it, "
                    "and the archive records no gap there."
                )
            used += 1
        expected = event.hash
    if used != len(gaps):
        raise ArchiveRefused("The archive lists audit trail gaps that its events do not have.")


def _check_empty(reader: ArchiveReader, entries: list[_Entry], manifest: dict[str, Any]) -> None:
    slug = manifest["partnership"]["slug"]
    if Partnership.objects.filter(slug=slug).exists():
        raise ArchiveRefused(f"This database already has the partnership {slug}.")
    for entry in entries:
        if entry.kind in {"partnership", "partnership_data"} and entry.model._base_manager.exists():
            raise ArchiveRefused(
                f"This database already holds {entry.model._meta.verbose_name_plural} "
                f"({entry.model._meta.label}). Restore into an empty, freshly migrated database."
            )
        if entry.kind == "user_data":
            pk = entry.model._meta.pk.attname
            pks = [row[pk] for row in reader.lines(entry.member)]
            if pks and entry.model._base_manager.filter(pk__in=pks).exists():
                raise ArchiveRefused(
                    f"This database already holds {entry.model._meta.label} rows with the "
                    "archive's ids. Restore into an empty, freshly migrated database."
                )
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    user_entry = _entry(entries, user_model)
    if user_entry is not None:
        ids, emails = [], []
        for row in reader.lines(user_entry.member):
            ids.append(row[user_model._meta.pk.attname])
            emails.append(str(row.get(user_model.get_email_field_name(), "")).lower())
        clash = (
            user_model._base_manager.annotate(lower_email=Lower(user_model.get_email_field_name()))
            .filter(models.Q(pk__in=ids) | models.Q(lower_email__in=emails))
            .exists()
        )
        if clash:
            raise ArchiveRefused(
                "This database already has some of the archive's people (the same id or "
                "e-mail address). Restore into an empty, freshly migrated database."
            )
    for name in _archived_files(manifest):
        if not safe_storage_name(name):
            raise ArchiveRefused("The archive names a file outside the storage's folder.")
        if _default_storage().exists(name):
            raise ArchiveRefused(
                "A file of the archive is already in this deployment's storage. Restore into "
                "an empty deployment."
            )


def _default_storage() -> Storage:
    from django.core.files.storage import default_storage  # noqa: PLC0415

    return default_storage


def _archived_files(manifest: dict[str, Any]) -> list[str]:
    return sorted(
        name.removeprefix("files/") for name in manifest["members"] if name.startswith("files/")
    )


def _insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert rows as they are: primary keys, timestamps and all (no ``auto_now``), as
    ``loaddata`` does, in batches."""
    fields = columns(model)
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, objs)))
    for start in range(0, len(objs), size):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + size], raw=True)
        query.get_compiler(connection=connection).execute_sql(None)


def _remap(obj: models.Model, keys: dict[str, dict[Any, Any]]) -> None:
    for attname, mapping in keys.items():
        value = getattr(obj, attname)
        if value is not None and value in mapping:
            setattr(obj, attname, mapping[value])


def _rows(
    reader: ArchiveReader, entry: _Entry, maps: dict[type[models.Model], dict[Any, Any]]
) -> Iterator[list[models.Model]]:
    """The entry's rows in batches, with keys to reference data mapped to this database's."""
    keys = {
        f.attname: maps[graph.target_of(f)]
        for f in graph.foreign_keys(entry.model)
        if graph.target_of(f) in maps
    }
    batch: list[models.Model] = []
    for row in reader.lines(entry.member):
        obj = decode_row(entry.model, row)
        _remap(obj, keys)
        batch.append(obj)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _restore_reference(
    reader: ArchiveReader,
    entry: _Entry,
    maps: dict[type[models.Model], dict[Any, Any]],
    restored: dict[type[models.Model], set[Any]],
    warnings: list[str],
) -> int:
    """Match each row by its natural key; add the ones this database does not have, keeping
    the id when it is free. A row that refers to a person the archive does not hold is left
    out, with a warning."""
    model = entry.model
    mapping = maps.setdefault(model, {})
    here = {
        tuple(row[:-1]): row[-1]
        for row in model._base_manager.values_list(*entry.natural_key, "pk")
    }
    taken = set(here.values())
    added = 0
    for batch in _rows(reader, entry, maps):
        for obj in batch:
            existing = here.get(tuple(getattr(obj, name) for name in entry.natural_key))
            if existing is not None:
                mapping[obj.pk] = existing
                continue
            outside = [
                f
                for f in graph.foreign_keys(model)
                if getattr(obj, f.attname) is not None
                and getattr(obj, f.attname) not in restored.get(graph.target_of(f), set())
            ]
            if outside:
                warnings.append(
                    f"{str(model._meta.verbose_name).capitalize()} {obj} was not added: it was "
                    "recorded by someone who is not in the archive. Add it again here."
                )
                continue
            old = obj.pk
            if old in taken:
                obj.pk = None
            obj.save_base(raw=True, force_insert=True)
            mapping[old] = obj.pk
            taken.add(obj.pk)
            added += 1
    return added


def _restore_rows(
    reader: ArchiveReader, entries: list[_Entry], warnings: list[str]
) -> tuple[dict[str, int], dict[str, Storage]]:
    """Insert every row, parents first; returns the count by model and the files they name."""
    maps: dict[type[models.Model], dict[Any, Any]] = {}
    restored: dict[type[models.Model], set[Any]] = {}
    storages: dict[str, Storage] = {}
    counts: dict[str, int] = {}
    for entry in entries:
        label = entry.model._meta.label
        if entry.kind == "reference":
            counts[label] = _restore_reference(reader, entry, maps, restored, warnings)
            continue
        pks = restored.setdefault(entry.model, set())
        file_fields = graph.file_fields(entry.model)
        for batch in _rows(reader, entry, maps):
            _insert(entry.model, batch)
            for obj in batch:
                pks.add(obj.pk)
                for file_field in file_fields:
                    name = getattr(obj, file_field.attname).name
                    if name:
                        storages[name] = file_field.storage
        counts[label] = len(pks)
    restored_models = [e.model for e in entries if e.kind != "reference"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), restored_models):
                cursor.execute(sql)
    connection.check_constraints(table_names=[m._meta.db_table for m in restored_models])
    return counts, storages


def _record_restore(
    manifest: dict[str, Any], sha256: str, counts: dict[str, int], files: int, gaps: list[Any]
) -> Partnership:
    """The restore's audit event (vouching for the gaps), its record, and its gaps; then the
    whole trail must verify."""
    partnership = Partnership.objects.get(slug=manifest["partnership"]["slug"])
    event = audit_record(
        by=None,
        verb="partnership.imported",
        obj=partnership,
        data={
            "archive_sha256": sha256,
            "format_version": manifest["format_version"],
            "rows": sum(counts.values()),
            "files": files,
            "gaps": len(gaps),
            "gaps_sha256": gaps_digest(gaps),
        },
    )
    restore = Restore.objects.create(
        partnership_slug=partnership.slug,
        archive_sha256=sha256,
        format_version=manifest["format_version"],
        exported_at=manifest["created_at"],
        counts=counts,
        audit_event=event,
    )
    ChainGap.objects.bulk_create(
        ChainGap(restore=restore, after_hash=a, next_previous_hash=n, elided=e) for a, n, e in gaps
    )
    chain = verify_chain()
    if not chain.intact:
        raise ArchiveRefused(f"The restored audit trail does not verify: {chain.reason}.")
    return partnership


def _write_files(
    reader: ArchiveReader,
    manifest: dict[str, Any],
    storages: dict[str, Storage],
    written: list[tuple[Storage, str]],
) -> None:
    archived = _archived_files(manifest)
    if set(archived) != set(storages):
        raise ArchiveRefused("The archive's files are not the ones its rows name.")
    for name in archived:
        storage = storages[name]
        with reader.open(file_member(name)) as source:
            saved = storage.save(name, source)
        written.append((storage, saved))
        if saved != name:
            raise ArchiveRefused(f"Storage would not keep the name {name}.")


def _restore(
    reader: ArchiveReader, entries: list[_Entry], manifest: dict[str, Any], sha256: str
) -> ImportResult:
    written: list[tuple[Storage, str]] = []
    warnings: list[str] = []
    gaps = [
        (gap["after_hash"], gap["next_previous_hash"], int(gap["elided"]))
        for gap in reader.lines(manifest["audit"]["gaps_member"])
    ]
    try:
        with transaction.atomic():
            counts, storages = _restore_rows(reader, entries, warnings)
            partnership = _record_restore(manifest, sha256, counts, len(storages), gaps)
            _write_files(reader, manifest, storages, written)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    return ImportResult(
        partnership=partnership,
        archive_sha256=sha256,
        rows=sum(counts.values()),
        files=len(written),
        gaps=len(gaps),
        warnings=warnings,
    )
