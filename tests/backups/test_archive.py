"""The archive: a manifest with the format, versions, counts and a SHA-256 of every member;
one partnership's rows and files only; and an import that refuses a damaged or changed archive,
another format version, other migrations, and a database that is not empty."""

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cspr.audit.models import AuditEvent
from cspr.backups.archive import FORMAT, FORMAT_VERSION, MANIFEST, SIGNATURE, ArchiveRefused
from cspr.backups.services.exporting import ExportResult
from cspr.backups.services.importing import archive_verify, partnership_import
from cspr.backups.state import migration_state
from cspr.cases.models import Case, ChildIdentity, ReferenceCounter
from cspr.core.errors import DomainError
from cspr.documents.models import DocumentVersion
from cspr.learning.models import ItemTheme, LearningItem, Theme
from cspr.reviews.models import Review
from tests.backups.conftest import empty_the_database, export
from tests.conftest import PartnershipWorld
from tests.documents.files import add_document, docx_bytes
from tests.factories import PartnershipFactory, UserFactory


@pytest.fixture
def archived(cspr: Review, world: PartnershipWorld, other_world, tmp_path: Path) -> ExportResult:
    """The world's partnership, with a review under way and a document, exported; another
    partnership beside it."""
    add_document(cspr, world.person("business_unit"), kind="minutes", data=docx_bytes("Notes."))
    return export(world.partnership, tmp_path)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(
    path: Path, change: Callable[[dict[str, bytes]], None], *, recompute: bool = False
) -> Path:
    """A copy of the archive with its members changed; with ``recompute``, the manifest's
    checksums made to match (as a forger would)."""
    content = members(path)
    change(content)
    if recompute:
        manifest = json.loads(content[MANIFEST])
        for name in manifest["members"]:
            manifest["members"][name]["sha256"] = hashlib.sha256(content[name]).hexdigest()
        content[MANIFEST] = json.dumps(manifest).encode()
    target = path.with_name(f"changed-{path.name}")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return target


def manifest_of(path: Path) -> dict[str, Any]:
    return json.loads(members(path)[MANIFEST])


def test_the_manifest_describes_the_archive(archived: ExportResult, world) -> None:
    manifest = manifest_of(archived.path)
    assert manifest["format"] == FORMAT
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["partnership"]["slug"] == world.partnership.slug
    assert manifest["migrations"] == migration_state()
    assert manifest["cspr_version"]
    assert manifest["created_at"].startswith("2026-03-02")
    counts = {entry["label"]: entry["count"] for entry in manifest["models"]}
    assert counts["cases.Case"] == Case.objects.filter(partnership=world.partnership).count() == 1
    assert counts["documents.DocumentVersion"] == 1
    assert counts["partnerships.Partnership"] == 1


def test_every_member_has_its_sha256_in_the_manifest(archived: ExportResult) -> None:
    content = members(archived.path)
    manifest = json.loads(content[MANIFEST])
    assert set(manifest["members"]) == set(content) - {MANIFEST}
    for name, entry in manifest["members"].items():
        assert entry["sha256"] == hashlib.sha256(content[name]).hexdigest(), name
        assert entry["size"] == len(content[name])
    assert archived.sha256 == hashlib.sha256(archived.path.read_bytes()).hexdigest()


def test_the_archive_holds_the_files_byte_for_byte(archived: ExportResult) -> None:
    version = DocumentVersion.objects.get()
    with version.file.open("rb") as file:
        original = file.read()
    assert members(archived.path)[f"files/{version.file.name}"] == original


def test_the_archive_holds_only_its_own_partnership(
    archived: ExportResult, world, other_world
) -> None:
    content = b"".join(members(archived.path).values())
    assert world.person("business_unit").email.encode() in content
    for person in other_world.people.values():
        assert person.email.encode() not in content
    assert other_world.partnership.slug.encode() not in content


def test_the_export_is_audited_with_the_archive_checksum(archived: ExportResult, world) -> None:
    event = AuditEvent.objects.filter(verb="partnership.exported").get()
    assert event.partnership_id == world.partnership.pk
    assert event.data["archive_sha256"] == archived.sha256
    assert event.action == AuditEvent.Action.EXPORT


def test_the_archive_is_readable_by_its_owner_only(archived: ExportResult) -> None:
    assert archived.path.stat().st_mode & 0o077 == 0


def test_an_existing_file_is_not_overwritten(archived: ExportResult, world) -> None:
    with pytest.raises(DomainError, match="already exists"):
        export(world.partnership, archived.path.parent)


def test_a_changed_data_member_is_refused(archived: ExportResult) -> None:
    def change(content: dict[str, bytes]) -> None:
        content["data/cases.case.jsonl"] = content["data/cases.case.jsonl"].replace(
            b"Child", b"Kid"
        )

    with pytest.raises(ArchiveRefused, match="does not match the checksum"):
        archive_verify(path=rewrite(archived.path, change))


def test_a_changed_file_is_refused(archived: ExportResult) -> None:
    def change(content: dict[str, bytes]) -> None:
        name = next(n for n in content if n.startswith("files/"))
        content[name] = content[name] + b"x"

    with pytest.raises(ArchiveRefused, match="does not match the checksum"):
        archive_verify(path=rewrite(archived.path, change))


def test_an_added_or_missing_member_is_refused(archived: ExportResult) -> None:
    def add(content: dict[str, bytes]) -> None:
        content["files/extra.pdf"] = b"%PDF"

    def remove(content: dict[str, bytes]) -> None:
        del content["data/cases.case.jsonl"]

    with pytest.raises(ArchiveRefused, match="does not list"):
        archive_verify(path=rewrite(archived.path, add))
    with pytest.raises(ArchiveRefused, match=r"missing data/cases\.case\.jsonl"):
        archive_verify(path=rewrite(archived.path, remove))


def test_an_unknown_format_version_is_refused(archived: ExportResult) -> None:
    def change(content: dict[str, bytes]) -> None:
        manifest = json.loads(content[MANIFEST])
        manifest["format_version"] = FORMAT_VERSION + 1
        content[MANIFEST] = json.dumps(manifest).encode()

    with pytest.raises(ArchiveRefused, match="format version 2"):
        archive_verify(path=rewrite(archived.path, change))


def test_something_else_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    other.write_bytes(b"not a zip")
    with pytest.raises(ArchiveRefused, match="not a zip"):
        archive_verify(path=other)


def test_an_altered_audit_event_is_refused_even_with_new_checksums(
    archived: ExportResult,
) -> None:
    """A forger who also rewrites the manifest's checksums is caught by the events' hashes."""

    def change(content: dict[str, bytes]) -> None:
        content["data/audit.auditevent.jsonl"] = content["data/audit.auditevent.jsonl"].replace(
            b'"case.referred"', b'"case.viewed"', 1
        )

    with pytest.raises(ArchiveRefused, match="was altered"):
        archive_verify(path=rewrite(archived.path, change, recompute=True))


def test_other_migrations_are_refused(archived: ExportResult) -> None:
    def change(content: dict[str, bytes]) -> None:
        manifest = json.loads(content[MANIFEST])
        manifest["migrations"]["cases"].append("9999_from_the_future")
        content[MANIFEST] = json.dumps(manifest).encode()

    empty_the_database()
    with pytest.raises(ArchiveRefused, match=r"migrations differ .*\(cases\)"):
        partnership_import(path=rewrite(archived.path, change))
    assert not Case.objects.exists()


def test_a_database_with_the_partnership_is_refused(archived: ExportResult) -> None:
    before = Case.objects.count()
    with pytest.raises(ArchiveRefused, match="already has the partnership"):
        partnership_import(path=archived.path)
    assert Case.objects.count() == before


def test_a_database_with_case_data_is_refused(archived: ExportResult) -> None:
    empty_the_database()
    ReferenceCounter.objects.create(partnership=PartnershipFactory(), year=2026)
    with pytest.raises(ArchiveRefused, match="already holds"):
        partnership_import(path=archived.path)
    assert not ChildIdentity.objects.exists()


def test_a_database_with_one_of_its_people_is_refused(archived: ExportResult, world) -> None:
    email = world.person("reviewer").email
    empty_the_database()
    UserFactory(email=email.upper())
    with pytest.raises(ArchiveRefused, match="already has some of the archive's people"):
        partnership_import(path=archived.path)


def test_a_signed_archive_needs_the_same_key(
    world, cspr, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSPR_BACKUP_KEY", "the-right-key")
    signed = export(world.partnership, tmp_path)
    assert SIGNATURE in members(signed.path)
    archive_verify(path=signed.path)
    monkeypatch.setenv("CSPR_BACKUP_KEY", "another-key")
    with pytest.raises(ArchiveRefused, match="signature does not match"):
        archive_verify(path=signed.path)


def test_with_a_key_an_unsigned_archive_is_refused(
    archived: ExportResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSPR_BACKUP_KEY", "the-right-key")
    with pytest.raises(ArchiveRefused, match="not signed"):
        archive_verify(path=archived.path)


def test_a_missing_file_stops_the_export(world, cspr, tmp_path: Path) -> None:
    document = add_document(
        cspr, world.person("business_unit"), kind="minutes", data=docx_bytes("x")
    )
    version = document.versions.get()
    version.file.storage.delete(version.file.name)
    with pytest.raises(DomainError, match="missing from storage"):
        export(world.partnership, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_commands(archived: ExportResult, world, tmp_path: Path, capsys) -> None:
    call_command("export_partnership", world.partnership.slug, "--output", tmp_path / "b.zip")
    out = capsys.readouterr().out
    assert "Archive written" in out
    assert "SHA-256" in out
    call_command("import_partnership", tmp_path / "b.zip", "--verify-only")
    assert "complete and undamaged" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already has the partnership"):
        call_command("import_partnership", tmp_path / "b.zip")
    with pytest.raises(CommandError, match="There is no partnership"):
        call_command("export_partnership", "nowhere")


def test_a_failure_while_writing_files_leaves_nothing_behind(
    world, cspr, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are rolled back and the files already written are deleted again."""
    bu = world.person("business_unit")
    for title in ("one", "two"):
        add_document(cspr, bu, kind="minutes", data=docx_bytes(title))
    archived = export(world.partnership, tmp_path)
    empty_the_database()
    storage = DocumentVersion._meta.get_field("file").storage
    storage.exists("x")  # the lazy default storage, set up
    backend = type(storage._wrapped)
    saved: list[str] = []
    real_save = backend.save

    def failing_save(self: Any, name: str, content: Any, **kwargs: Any) -> str:
        if saved:
            raise OSError("the disk is full")
        saved.append(real_save(self, name, content, **kwargs))
        return saved[-1]

    monkeypatch.setattr(backend, "save", failing_save)
    with pytest.raises(OSError, match="disk is full"):
        partnership_import(path=archived.path)
    assert saved
    assert not storage.exists(saved[0])
    assert not Case.objects.exists()
    assert not AuditEvent.objects.exists()


def test_shared_themes_are_matched_by_slug(world, tmp_path: Path) -> None:
    """A theme the database lacks is added (under another id when its own is taken), and the
    rows that name it follow it; one it has is used as it is."""
    theme, other = Theme.objects.order_by("pk")[:2]
    item = LearningItem.objects.create(title="x", partnership=world.partnership, origin="uploaded")
    ItemTheme.objects.create(item=item, theme=theme)
    ItemTheme.objects.create(item=item, theme=other)
    archived = export(world.partnership, tmp_path)
    empty_the_database()
    slug, pk = theme.slug, theme.pk
    theme.delete()
    Theme.objects.create(pk=pk, facet=theme.facet, slug="taken-id", name="Taken id")

    partnership_import(path=archived.path)

    restored = ItemTheme.objects.select_related("theme").order_by("pk")
    assert [t.theme.slug for t in restored] == [slug, other.slug]
    assert restored[0].theme_id != pk
    assert restored[1].theme_id == other.pk
