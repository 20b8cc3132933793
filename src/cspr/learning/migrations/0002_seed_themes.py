"""Seed the controlled vocabulary (SOURCES.md §6.3)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from cspr.learning.seeding import seed_themes  # noqa: PLC0415

    seed_themes(apps.get_model("learning", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
