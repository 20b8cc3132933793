"""What a database is: CSPR's version and every app's applied migrations. An archive records
both, and is restored only where the migrations are the same."""

import tomllib
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


def cspr_version() -> str:
    try:
        with (settings.BASE_DIR / "pyproject.toml").open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def migration_state() -> dict[str, list[str]]:
    """Each app's applied migrations, by name."""
    applied: dict[str, list[str]] = defaultdict(list)
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied[app_label].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def migration_differences(archived: dict[str, list[str]]) -> list[str]:
    """The apps whose applied migrations differ between the archive and this database."""
    here = migration_state()
    return sorted(
        app for app in set(archived) | set(here) if archived.get(app, []) != here.get(app, [])
    )
