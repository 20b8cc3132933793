"""What is in the database, to prove that nothing changed: the number of rows of every model's
table (one query), or every row's content (one query a table). Tables that change on every
request whatever it does (the session, sign-in attempts) are left out."""

import hashlib
from typing import Any

from django.apps import apps
from django.db import connection

# Written by the machinery of every request, not by what the request asked for.
IGNORED_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def tables() -> list[str]:
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    existing = set(connection.introspection.table_names())
    return sorted((names & existing) - IGNORED_TABLES)


def row_counts() -> dict[str, int]:
    """Every table's number of rows, in one query."""
    names = tables()
    quote = connection.ops.quote_name
    select = ", ".join(f"(SELECT COUNT(*) FROM {quote(name)})" for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}")
        counts = cursor.fetchone()
    return dict(zip(names, counts, strict=True))


def contents() -> dict[str, str]:
    """A digest of every table's rows (all columns, in primary key order)."""
    quote = connection.ops.quote_name
    digests = {}
    with connection.cursor() as cursor:
        for name in tables():
            cursor.execute(f"SELECT * FROM {quote(name)} ORDER BY 1")
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr(tuple(_plain(value) for value in row)).encode())
            digests[name] = digest.hexdigest()
    return digests


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))
