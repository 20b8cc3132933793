"""The search's database objects exist on the database in use, and only there: a GIN index on
the weighted search column (PostgreSQL), or the FTS5 table and its triggers (SQLite), which are
put back if a table rebuild drops them (issue 6, the learning library)."""

import pytest
from django.db import connection

from cspr.learning.models import LearningItem
from cspr.learning.search import search
from cspr.learning.search_schema import (
    FTS_TABLE,
    ITEM_TABLE,
    PG_COLUMN,
    PG_INDEX,
    SQLITE_TRIGGERS,
    ensure_sqlite_search,
)
from tests.fixtures.library import library_item

pytestmark = pytest.mark.django_db


def _sqlite_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search")
def test_postgresql_has_the_weighted_column_and_its_gin_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [ITEM_TABLE, PG_INDEX],
        )
        [(definition,)] = cursor.fetchall()
        cursor.execute(
            "SELECT is_generated FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [ITEM_TABLE, PG_COLUMN],
        )
        [(generated,)] = cursor.fetchall()
        cursor.execute("SELECT to_regclass(%s)", [FTS_TABLE])
        [(fts,)] = cursor.fetchall()
    assert "USING gin" in definition
    assert PG_COLUMN in definition
    assert generated == "ALWAYS"
    assert fts is None  # SQLite's table is not made here


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search")
def test_sqlite_has_the_fts5_table_and_its_triggers_and_no_search_column() -> None:
    assert {FTS_TABLE, *SQLITE_TRIGGERS} <= _sqlite_names()
    columns = {f.column for f in LearningItem._meta.get_fields() if hasattr(f, "column")}
    assert PG_COLUMN not in columns
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({ITEM_TABLE})")
        assert PG_COLUMN not in {row[1] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search")
def test_the_triggers_keep_the_index_in_step_and_come_back_if_dropped() -> None:
    item = library_item(title="Escalation between agencies")
    LearningItem.objects.filter(pk=item.pk).update(title="Professional curiosity")
    assert [r.item for r in search("curiosity").results] == [item]
    assert search("escalation").total == 0
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    LearningItem.objects.filter(pk=item.pk).update(title="Information sharing")
    assert search("sharing").total == 0  # the index fell behind without its triggers
    assert ensure_sqlite_search(connection) is True
    assert set(SQLITE_TRIGGERS) <= _sqlite_names()
    assert [r.item for r in search("sharing").results] == [item]
    assert ensure_sqlite_search(connection) is False  # nothing to do the second time
    item.delete()
    assert search("sharing").total == 0
