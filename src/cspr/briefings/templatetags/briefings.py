"""Filters that turn a section's plain text into blocks, questions and links for templates."""

from django import template

from cspr.briefings import text

register = template.Library()


@register.filter
def as_blocks(value: str) -> list[text.Block]:
    return text.blocks(value or "")


@register.filter
def as_questions(value: str) -> list[str]:
    return text.questions(value or "")


@register.filter
def as_links(value: str) -> list[text.Link]:
    return text.links(value or "")


@register.filter
def field_value(product: object, name: str) -> str:
    """``product|field_value:part.field.name``: a section's text."""
    return str(getattr(product, name, "") or "")
