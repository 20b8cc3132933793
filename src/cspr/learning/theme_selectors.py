"""Reads about the vocabulary of themes."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from cspr.learning.models import Facet, Theme


def theme_list() -> QuerySet[Theme]:
    """Every theme, in use or not, facet by facet in the vocabulary's order (harm, child,
    family, practice), then as placed within the facet."""
    facet_order = Case(
        *[When(facet=facet, then=Value(index)) for index, facet in enumerate(Facet.values)],
        output_field=IntegerField(),
    )
    return Theme.objects.annotate(facet_order=facet_order).order_by(
        "facet_order", "position", "name"
    )
