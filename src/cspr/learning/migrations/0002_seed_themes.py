"""Seed the controlled vocabulary (SOURCES.md §6.3)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from cspr.learning.vocabulary import SEED  # noqa: PLC0415

    theme = apps.get_model("learning", "Theme")
    positions: dict[str, int] = {}
    for seed_theme in SEED:
        position = positions.get(seed_theme.facet, 0) + 1
        positions[seed_theme.facet] = position
        theme.objects.update_or_create(
            slug=seed_theme.slug,
            defaults={
                "facet": seed_theme.facet,
                "name": seed_theme.name,
                "cues": "\n".join(seed_theme.cues),
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
