"""The demo partnership (``manage.py seed_demo``), with a review taken to publication and more
besides, exported, the database emptied as a fresh one, and imported: every row of every
exported model comes back with every value, and every file byte for byte. The audit trail
verifies, and the database carries on (its sequences are past the restored ids). Runs on
SQLite and PostgreSQL."""

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from cspr.audit.chain import verify_chain
from cspr.audit.models import AuditEvent
from cspr.audit.services import audit_record
from cspr.backups.archive import MANIFEST, columns
from cspr.backups.models import ChainGap, Restore
from cspr.backups.services.importing import partnership_import
from cspr.chronology.models import ChronologyEntry
from cspr.clock.models import ExtraBankHoliday
from cspr.partnerships.models import Agency, Partnership
from cspr.reviews.models import Review
from tests.audit.test_audit_chain import raw_sql
from tests.backups.conftest import empty_the_database, export, publish_review
from tests.conftest import PartnershipWorld, build_world


@pytest.fixture
def world(db: None) -> PartnershipWorld:
    """The demo partnership, with one more person in each role for the shared fixtures."""
    call_command("seed_demo", stdout=io.StringIO())
    return build_world(Partnership.objects.get(slug="northshire"))


@pytest.fixture
def demo(
    cspr: Review, world: PartnershipWorld, partners, client_as, frozen_today: Any
) -> Partnership:
    """The demo with a published review: documents, a published report and its library entry,
    a chronology entry, an extra bank holiday, people's authenticator apps, page views, and
    events of no partnership in between (gaps in its audit trail)."""
    bu = world.person("business_unit")
    ChronologyEntry.objects.create(
        review=cspr,
        agency=cspr.case.referring_agency,
        occurred_on=dt.date(2026, 1, 5),
        source="School log",
        people_involved="Class teacher",
        what_happened="A bruise was noticed.",
        added_by=bu,
    )
    ExtraBankHoliday.objects.create(day=dt.date(2027, 6, 7), name="A demo holiday", added_by=bu)
    audit_record(by=None, verb="user.sign_in_failed")
    client_as("business_unit").get(
        reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    )
    publish_review(cspr, bu, partners, frozen_today)
    audit_record(by=None, verb="user.sign_in_failed")
    return world.partnership


def archived_rows(path: Path) -> dict[str, list[Any]]:
    """The primary keys of each model's rows in the archive."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        found = {}
        for entry in manifest["models"]:
            model = apps.get_model(entry["label"])
            lines = archive.read(entry["member"]).splitlines()
            found[entry["label"]] = [json.loads(line)[model._meta.pk.attname] for line in lines]
    return found


def value(field: models.Field[Any, Any], obj: models.Model) -> Any:
    if isinstance(field, models.FileField):
        return getattr(obj, field.attname).name
    return field.value_from_object(obj)


def snapshot(pks: dict[str, list[Any]]) -> dict[tuple[str, Any], dict[str, Any]]:
    """Every value of every row, by model and primary key, as the database gives them."""
    rows = {}
    for label, keys in pks.items():
        model = apps.get_model(label)
        fields = columns(model)
        for obj in model._base_manager.filter(pk__in=keys):
            rows[(label, obj.pk)] = {f.attname: value(f, obj) for f in fields}
    return rows


def files(rows: dict[tuple[str, Any], dict[str, Any]]) -> dict[str, bytes]:
    found = {}
    for (label, _), values in rows.items():
        for field in apps.get_model(label)._meta.concrete_fields:
            if isinstance(field, models.FileField) and values[field.attname]:
                with field.storage.open(values[field.attname], "rb") as file:
                    found[values[field.attname]] = file.read()
    return found


def test_the_demo_partnership_round_trips(demo: Partnership, tmp_path: Path) -> None:
    result = export(demo, tmp_path)
    assert result.manifest["detached"] == {}
    assert result.manifest["audit"]["source_chain"]["intact"]
    pks = archived_rows(result.path)
    before = snapshot(pks)
    before_files = files(before)
    counts = {label: len(keys) for label, keys in pks.items()}
    assert counts["cases.Case"] >= 4  # the demo's three and the published review's
    assert counts["publication.PublishedReport"] >= 1  # the demo has one too
    assert counts["learning.LearningItem"] >= 1
    assert counts["documents.DocumentVersion"] >= 1
    assert counts["chronology.ChronologyEntry"] == 1
    assert counts["audit.AuditEvent"] > 20
    assert len(before_files) >= 2  # the final report and the published PDF at least
    if apps.is_installed("django_otp.plugins.otp_totp"):
        assert counts["otp_totp.TOTPDevice"] >= 1

    empty_the_database()
    assert not Partnership.objects.exists()
    assert not AuditEvent.objects.exists()

    restored = partnership_import(path=result.path)

    assert restored.partnership.slug == "northshire"
    assert restored.rows == sum(
        len(keys) for label, keys in pks.items() if label not in REFERENCE_ALREADY_THERE
    )
    after = snapshot(pks)
    assert after.keys() == before.keys()
    differences = [key for key in before if before[key] != after[key]]
    assert differences == []
    assert files(after) == before_files
    for label, keys in pks.items():
        if label not in REFERENCE_ALREADY_THERE:
            extra = 1 if label == "audit.AuditEvent" else 0  # the import's own event
            assert apps.get_model(label)._base_manager.count() == len(keys) + extra, label


# Reference data a freshly migrated database already has (matched, not added, by import).
REFERENCE_ALREADY_THERE = {"learning.Theme"}


def test_the_restored_audit_trail_verifies(demo: Partnership, tmp_path: Path, capsys) -> None:
    events = AuditEvent.objects.filter(partnership=demo).count()  # the export's comes after
    result = export(demo, tmp_path)
    empty_the_database()
    restored = partnership_import(path=result.path)

    assert restored.gaps >= 2  # the events of no partnership, at least
    assert ChainGap.objects.count() == restored.gaps
    report = verify_chain()
    assert report.intact, report.reason
    assert report.checked == events + 1
    assert report.bridged == restored.gaps
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "intact" in out
    assert "restored from a partnership archive" in out
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.verb == "partnership.imported"
    assert event.data["archive_sha256"] == result.sha256
    assert Restore.objects.get().audit_event == event


def test_the_restored_database_carries_on(demo: Partnership, tmp_path: Path) -> None:
    """New rows get ids past the restored ones (PostgreSQL's sequences are reset), and new
    audit events chain on from the restored ones."""
    result = export(demo, tmp_path)
    highest_agency = Agency.objects.order_by("-pk").values_list("pk", flat=True).first()
    empty_the_database()
    partnership_import(path=result.path)

    partnership = Partnership.objects.get(slug="northshire")
    agency = Agency.objects.create(partnership=partnership, name="A new agency", kind="other")
    assert highest_agency is not None
    assert agency.pk > highest_agency
    audit_record(by=None, verb="agency.created", obj=agency)
    assert verify_chain().intact


def test_a_forged_gap_does_not_hide_a_deleted_event(demo: Partnership, tmp_path: Path) -> None:
    """A gap counts only when the restore's own audit event vouches for it."""
    result = export(demo, tmp_path)
    empty_the_database()
    partnership_import(path=result.path)
    events = list(AuditEvent.objects.order_by("id"))
    before, victim, after = next(
        (a, b, c)
        for a, b, c in zip(events, events[1:], events[2:], strict=False)
        if b.previous_hash == a.hash and c.previous_hash == b.hash
    )
    raw_sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [victim.pk])
    assert not verify_chain().intact
    # A gap from the event before to the one after, as a forger with the database would add.
    ChainGap.objects.create(
        restore=Restore.objects.get(),
        after_hash=before.hash,
        next_previous_hash=after.previous_hash,
        elided=1,
    )
    assert not verify_chain().intact
