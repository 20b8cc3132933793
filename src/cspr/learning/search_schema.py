"""The database side of the library's full-text search, one for each database CSPR runs on.
No model imports: migrations call these functions.

PostgreSQL: a stored generated column ``search_vector`` (title weighted A, key learning and
summary B, full text C, English stemming) with a GIN index. The column is not a model field, so
Django never writes it; :mod:`cspr.learning.search` reads it. A later migration that changes
the type of ``title``, ``key_learning``, ``summary`` or ``text`` must drop the column first and
add it again after (PostgreSQL refuses to change a column a generated column uses).

SQLite: an FTS5 table ``learning_item_fts`` (title, learning, body) whose rowid is the item's
id, kept in step by triggers on the item table. Django rebuilds a SQLite table for some schema
changes, which drops its triggers: :func:`ensure_sqlite_search` (run after every ``migrate``)
puts them back and re-indexes when they were missing.
"""

from typing import Any

# Every statement here is built from the constants below, never from anything typed.
# ruff: noqa: S608

ITEM_TABLE = "learning_learningitem"
FTS_TABLE = "learning_item_fts"
# The most text searched in one item (a long report is about 300,000 characters); PostgreSQL's
# tsvector has a 1 MB limit.
MAX_INDEXED_CHARACTERS = 500_000

PG_COLUMN = "search_vector"
PG_INDEX = "learning_item_search"
PG_CONFIG = "english"

POSTGRES_INSTALL = (
    f"""
    ALTER TABLE {ITEM_TABLE} ADD COLUMN {PG_COLUMN} tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('{PG_CONFIG}'::regconfig,
                                 coalesce(key_learning, '') || ' ' || coalesce(summary, '')), 'B')
        || setweight(to_tsvector('{PG_CONFIG}'::regconfig,
                                 left(coalesce(text, ''), {MAX_INDEXED_CHARACTERS})), 'C')
    ) STORED
    """,
    f"CREATE INDEX {PG_INDEX} ON {ITEM_TABLE} USING gin ({PG_COLUMN})",
)
POSTGRES_UNINSTALL = (
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    f"ALTER TABLE {ITEM_TABLE} DROP COLUMN IF EXISTS {PG_COLUMN}",
)

_FTS_VALUES = (
    "new.id, new.title, coalesce(new.key_learning, '') || ' ' || coalesce(new.summary, ''), "
    f"substr(coalesce(new.text, ''), 1, {MAX_INDEXED_CHARACTERS})"
)
SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, learning, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {ITEM_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title, learning, body) VALUES ({_FTS_VALUES});
        END
    """,
    f"{FTS_TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update
        AFTER UPDATE OF id, title, key_learning, summary, text ON {ITEM_TABLE} BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
            INSERT INTO {FTS_TABLE}(rowid, title, learning, body) VALUES ({_FTS_VALUES});
        END
    """,
    f"{FTS_TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {ITEM_TABLE} BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END
    """,
}
SQLITE_REINDEX = (
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE}(rowid, title, learning, body) SELECT "
    + _FTS_VALUES.replace("new.", "")
    + f" FROM {ITEM_TABLE}",
)
SQLITE_UNINSTALL = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)


def install(connection: Any) -> None:
    """Create the search column and index (PostgreSQL) or table and triggers (SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_INSTALL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            cursor.execute(SQLITE_TABLE)
            for statement in SQLITE_TRIGGERS.values():
                cursor.execute(statement)
            for statement in SQLITE_REINDEX:
                cursor.execute(statement)


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_UNINSTALL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_UNINSTALL:
                cursor.execute(statement)


def ensure_sqlite_search(connection: Any) -> bool:
    """Put back the SQLite triggers (and re-index) if a table rebuild dropped them; True when
    it had to. Does nothing before the search migration has run, or on PostgreSQL."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE name = %s OR (type = 'trigger' AND tbl_name = %s)",
            [FTS_TABLE, ITEM_TABLE],
        )
        present = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE not in present:
            return False
        if set(SQLITE_TRIGGERS) <= present:
            return False
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        for statement in SQLITE_REINDEX:
            cursor.execute(statement)
    return True
