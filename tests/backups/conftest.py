"""Fixtures for backups and retention: time frozen to Monday 2 March 2026, a published review
(tests/journeys), a database emptied as a fresh one would be, and exporting to a file."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from cspr.accounts.models import User
from cspr.backups import graph
from cspr.backups.services.exporting import ExportResult, partnership_export
from cspr.documents.services.anonymisation import (
    anonymisation_scan,
    hit_clear,
    review_clear_for_publication,
)
from cspr.partnerships.models import Partnership
from cspr.publication.models import PublishedReport
from cspr.publication.services.planning import copy_record, plan_set
from cspr.publication.services.publishing import report_publish
from cspr.reviews.models import Review
from cspr.reviews.services import participant_add, review_mark_final, terms_approve, terms_draft
from tests.documents.records import complete_final_report
from tests.publication.conftest import pdf_upload

# What a freshly migrated database already holds: Django's own lists, and the vocabulary of
# themes a migration seeds.
KEPT_BY_A_FRESH_DATABASE = {"contenttypes.ContentType", "auth.Permission", "learning.Theme"}


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


def publish_review(
    review: Review, bu: User, partners: dict[str, User], frozen_today: Any
) -> PublishedReport:
    """Take the review from under way to published on 16 March 2026, through the services
    (tests/journeys/test_review_to_publication.py): terms of reference, the family, a final
    report, the anonymisation check, the copies and the report."""
    terms = terms_draft(
        review=review,
        by=bu,
        scope_from=dt.date(2025, 9, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation.",
        agencies=[],
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    participant_add(
        review=review,
        by=bu,
        values={
            "kind": "family",
            "name": "A parent",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "contributed",
            "how_views_gathered": "A home visit.",
        },
    )
    complete_final_report(review, bu)
    review = review_mark_final(review=review, by=bu)
    scan = anonymisation_scan(review=review, by=bu)
    for hit in scan.hits.all():
        hit_clear(hit=hit, by=bu, note="Checked.")
    review = review_clear_for_publication(review=review, by=bu)
    plan_set(review=review, by=bu, planned_on=dt.date(2026, 3, 16))
    frozen_today.move_to(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC))  # PRE-PUBLICATION's day
    for recipient in ("panel", "secretary_of_state", "ofsted"):
        copy_record(review=review, by=bu, recipient=recipient, sent_on=dt.date(2026, 3, 4))
    frozen_today.move_to(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC))
    return report_publish(
        review=review,
        by=bu,
        title="Child R: a local review",
        summary="What the partnership learnt.",
        uploaded_file=pdf_upload(),
    )


def export(partnership: Partnership, tmp_path: Path, name: str = "archive.zip") -> ExportResult:
    return partnership_export(partnership=partnership, path=tmp_path / name, by=None)


def empty_the_database() -> None:
    """Empty every table but those a freshly migrated database fills, and the files of every
    file field: what ``import_partnership`` expects to restore into. TRUNCATE on PostgreSQL,
    whose trigger refuses DELETE on the audit trail."""
    names = set()
    for model in graph.all_models():
        if model._meta.label in KEPT_BY_A_FRESH_DATABASE:
            continue
        for field in graph.file_fields(model):
            names.update(
                (field.storage, name)
                for name in model._base_manager.values_list(field.attname, flat=True)
                if name
            )
    for storage, name in names:
        storage.delete(name)
    tables = [
        model._meta.db_table
        for model in graph.all_models()
        if model._meta.label not in KEPT_BY_A_FRESH_DATABASE
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            # TRUNCATE waits for no deferred foreign key check: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {quoted} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
