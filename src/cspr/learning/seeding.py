"""Put the seed vocabulary (:mod:`cspr.learning.vocabulary`) in the database: by the data
migration on a new database, and by the test suite after a test that empties every table."""

from typing import Any

from cspr.learning.vocabulary import SEED


def seed_themes(theme_model: Any) -> None:
    """Create the seeded themes that are missing, in the vocabulary's order; never changes a
    theme that exists (administrators may have edited it)."""
    existing = set(theme_model.objects.values_list("slug", flat=True))
    positions: dict[str, int] = {}
    missing = []
    for seed_theme in SEED:
        positions[seed_theme.facet] = positions.get(seed_theme.facet, 0) + 1
        if seed_theme.slug not in existing:
            missing.append(
                theme_model(
                    slug=seed_theme.slug,
                    facet=seed_theme.facet,
                    name=seed_theme.name,
                    cues="\n".join(seed_theme.cues),
                    position=positions[seed_theme.facet],
                )
            )
    theme_model.objects.bulk_create(missing)
