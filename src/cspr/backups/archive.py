"""The partnership archive: a zip file holding

* ``manifest.json``: the format and its version, CSPR's version and every app's applied
  migrations, when it was made, the partnership, each model's rows (count and fields), what
  the audit trail's chain looked like, and the SHA-256 and size of every other member;
* ``data/<app_label>.<model>.jsonl``: one JSON object a row, keyed by column (``case_id``),
  values exactly as stored (times to the microsecond);
* ``audit/gaps.jsonl``: where the exported audit events skip other events of the chain;
* ``files/<storage name>``: every file a row's file field names;
* ``manifest.hmac`` when ``CSPR_BACKUP_KEY`` is set: an HMAC-SHA256 of the manifest.

The archive is as sensitive as the database: it holds case records, children's identities and
people's password hashes. Keep it encrypted at rest (see README.md, "Backups").
"""

import base64
import datetime as dt
import decimal
import hashlib
import hmac
import json
import os
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from django.db import models
from django.utils.duration import duration_iso_string

from cspr.core.errors import DomainError

FORMAT = "cspr-partnership-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"
GAPS = "audit/gaps.jsonl"
KEY_VARIABLE = "CSPR_BACKUP_KEY"
CHUNK = 1024 * 1024


class ArchiveRefused(DomainError):
    """The archive cannot be trusted or cannot be restored here; the message says why."""


def data_member(model: type[models.Model]) -> str:
    return f"data/{model._meta.label_lower}.jsonl"


def file_member(name: str) -> str:
    return f"files/{name}"


def safe_storage_name(name: str) -> bool:
    """A storage name from an archive may not climb out of the storage's folder."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\x00" not in name
    )


# Rows ---------------------------------------------------------------------------------------


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns a row is written with: every concrete field the database does not compute."""
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def encode_row(obj: models.Model, fields: list[models.Field[Any, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in fields:
        if isinstance(field, models.FileField):
            row[field.attname] = getattr(obj, field.attname).name or ""
        else:
            row[field.attname] = _jsonable(field.value_from_object(obj))
    return row


def decode_row(model: type[models.Model], row: dict[str, Any]) -> models.Model:
    """The unsaved instance a row describes; ``row`` is keyed by column."""
    values: dict[str, Any] = {}
    for field in columns(model):
        value = row[field.attname]
        if value is None or isinstance(field, models.FileField | models.JSONField):
            values[field.attname] = value
        else:
            values[field.attname] = field.to_python(value)
    return model(**values)


def dumps(row: dict[str, Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


# Writing ------------------------------------------------------------------------------------


class ArchiveWriter:
    """Writes members one at a time, hashing each; ``close`` adds the manifest (and its
    signature when a key is set)."""

    def __init__(self, target: IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        self.members: dict[str, dict[str, Any]] = {}

    def write_lines(self, name: str, lines: Iterator[bytes]) -> int:
        """One member of JSON lines; returns how many lines it has."""
        digest = hashlib.sha256()
        count = size = 0
        with self.zip.open(name, "w", force_zip64=True) as member:
            for line in lines:
                chunk = line + b"\n"
                member.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                count += 1
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}
        return count

    def write_stream(self, name: str, source: IO[bytes]) -> str:
        """One member copied from an open file; returns its SHA-256."""
        digest = hashlib.sha256()
        size = 0
        with self.zip.open(name, "w", force_zip64=True) as member:
            while chunk := source.read(CHUNK):
                member.write(chunk)
                digest.update(chunk)
                size += len(chunk)
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}
        return digest.hexdigest()

    def abandon(self) -> None:
        """Close an archive that will not be finished (its file is deleted by the caller)."""
        self.zip.close()

    def close(self, manifest: dict[str, Any]) -> None:
        manifest["members"] = self.members
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        self.zip.writestr(MANIFEST, data)
        key = signing_key()
        if key is not None:
            self.zip.writestr(SIGNATURE, hmac.new(key, data, hashlib.sha256).hexdigest())
        self.zip.close()


def signing_key() -> bytes | None:
    value = os.environ.get(KEY_VARIABLE, "")
    return value.encode() if value else None


# Reading ------------------------------------------------------------------------------------


class ArchiveReader:
    """An archive opened for restoring. :meth:`verify` must pass before anything is read."""

    def __init__(self, source: IO[bytes] | str | os.PathLike[str]) -> None:
        try:
            self.zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as error:
            raise ArchiveRefused(
                "This is not a CSPR partnership archive (not a zip file)."
            ) from error
        self.manifest: dict[str, Any] = {}
        self.signed = False  # True once the signature is checked with CSPR_BACKUP_KEY

    def close(self) -> None:
        self.zip.close()

    def verify(self) -> dict[str, Any]:
        """Check the format, the signature when a key is set, and every member's SHA-256;
        refuse an archive with a member missing, added or changed."""
        names = self.zip.namelist()
        if len(names) != len(set(names)):
            raise ArchiveRefused("The archive holds two members with the same name.")
        if MANIFEST not in names:
            raise ArchiveRefused("The archive has no manifest.json.")
        raw = self.zip.read(MANIFEST)
        self._check_signature(raw, names)
        try:
            manifest = json.loads(raw)
        except ValueError as error:
            raise ArchiveRefused("The archive's manifest.json is not valid JSON.") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveRefused("This is not a CSPR partnership archive.")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise ArchiveRefused(
                f"The archive is in format version {manifest.get('format_version')}; this "
                f"version of CSPR reads version {FORMAT_VERSION} only."
            )
        members: dict[str, dict[str, Any]] = manifest.get("members", {})
        present = set(names) - {MANIFEST, SIGNATURE}
        if present - set(members):
            raise ArchiveRefused(
                f"The archive holds {len(present - set(members))} member(s) its manifest does "
                "not list."
            )
        if set(members) - present:
            missing = sorted(set(members) - present)[0]
            raise ArchiveRefused(f"The archive is missing {missing}, which its manifest lists.")
        for name in sorted(members):
            if self._sha256(name) != members[name]["sha256"]:
                raise ArchiveRefused(
                    f"{name} does not match the checksum in the manifest: the archive is "
                    "damaged or was changed."
                )
        self.manifest = manifest
        return manifest

    def _check_signature(self, raw: bytes, names: list[str]) -> None:
        key = signing_key()
        if key is None:
            return
        if SIGNATURE not in names:
            raise ArchiveRefused(
                f"{KEY_VARIABLE} is set, and this archive is not signed: it was not made with "
                "the key."
            )
        expected = hmac.new(key, raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.zip.read(SIGNATURE).decode("ascii", "replace")):
            raise ArchiveRefused(
                "The manifest's signature does not match: the archive was changed, or made with "
                "another key."
            )
        self.signed = True

    def _sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        with self.zip.open(name) as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def lines(self, name: str) -> Iterator[dict[str, Any]]:
        with self.zip.open(name) as member:
            for line in member:
                if line.strip():
                    yield json.loads(line)

    def open(self, name: str) -> IO[bytes]:
        return self.zip.open(name)
