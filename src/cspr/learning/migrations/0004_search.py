"""Full-text search for the library: on PostgreSQL a generated, weighted tsvector column with a
GIN index; on SQLite an FTS5 table kept in step by triggers (see cspr.learning.search_schema).
Each runs only on its own database."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def install(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from cspr.learning.search_schema import install as install_search  # noqa: PLC0415

    install_search(schema_editor.connection)


def uninstall(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from cspr.learning.search_schema import uninstall as uninstall_search  # noqa: PLC0415

    uninstall_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("learning", "0003_library")]

    operations = [migrations.RunPython(install, uninstall)]
