"""The PDFs (WeasyPrint): a Learning on a Page on one A4 page, in two columns of boxes; a
7-minute briefing as seven numbered panels on landscape A4, on one or two pages. Both are
tagged PDF/UA-1 files with the title and language (en-GB) in their metadata.

The text is made smaller, step by step (``sections.TEXT_SIZES``), until it fits; if it does not
fit even in the smallest size, approval and publication are refused with a message naming the
section to shorten (nothing is ever cut off)."""

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from cspr.briefings import sections
from cspr.briefings.drafting import absolute, public_product_url
from cspr.briefings.models import LearningProduct, ProductKind
from cspr.core.errors import DomainError

PDF_VARIANT = "pdf/ua-1"  # tagged, with title and language: WeasyPrint 57 and later
TEMPLATES = {
    ProductKind.LEARNING_ON_A_PAGE: "briefings/pdf/learning_on_a_page.html",
    ProductKind.SEVEN_MINUTE_BRIEFING: "briefings/pdf/seven_minute_briefing.html",
}
PAGE_WORDS = {
    ProductKind.LEARNING_ON_A_PAGE: "one A4 page",
    ProductKind.SEVEN_MINUTE_BRIEFING: "two landscape A4 pages",
}
# What a section costs before its text, in characters, when the page is split in two columns.
SECTION_OVERHEAD = 160


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    text_size: int  # tenths of a point
    fits: bool


@dataclass(frozen=True)
class ShownSection:
    section: sections.Section
    title: str
    parts: list[tuple[sections.Part, str]]

    @property
    def weight(self) -> int:
        return SECTION_OVERHEAD + sum(len(text) for _, text in self.parts)


def shown_sections(product: LearningProduct) -> list[ShownSection]:
    """The product's sections in order, each with its parts' text."""
    return [
        ShownSection(
            section,
            sections.section_title(section),
            [(part, getattr(product, part.field.name)) for part in section.parts],
        )
        for section in sections.SECTIONS[product.kind]
    ]


def two_columns(items: list[ShownSection]) -> tuple[list[ShownSection], list[ShownSection]]:
    """Split the sections, in reading order, where the two columns come out most even."""
    if len(items) < 2:
        return items, []
    total = sum(i.weight for i in items)
    best, best_height = 1, total
    running = 0
    for at in range(1, len(items)):
        running += items[at - 1].weight
        height = max(running, total - running)
        if height < best_height:
            best, best_height = at, height
    return items[:best], items[best:]


def context(product: LearningProduct, *, text_size: int, draft: bool) -> dict[str, Any]:
    review = product.review
    shown = shown_sections(product)
    left, right = two_columns(shown)
    return {
        "product": product,
        "partnership": review.case.partnership,
        "review_kind": review.get_kind_display(),
        "sections": shown,
        "left": left,
        "right": right,
        "text_size": f"{text_size / 10:g}",
        "draft": draft,
        "public_url": absolute(public_product_url(product.slug)),
    }


def render(product: LearningProduct, *, text_size: int, draft: bool) -> RenderedPdf:
    from weasyprint import HTML  # noqa: PLC0415 (loads Pango: only when a PDF is asked for)

    html = render_to_string(
        TEMPLATES[ProductKind(product.kind)],
        context(product, text_size=text_size, draft=draft),
    )
    document = HTML(string=html).render(pdf_variant=PDF_VARIANT)
    pages = len(document.pages)
    content: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    fits = pages <= sections.MAX_PAGES[product.kind]
    return RenderedPdf(content=content, pages=pages, text_size=text_size, fits=fits)


def fitted(product: LearningProduct, *, draft: bool = False) -> RenderedPdf:
    """The PDF in the largest text size that fits; if none does, the smallest (``fits`` is
    then False)."""
    rendered = None
    for size in sections.TEXT_SIZES:
        rendered = render(product, text_size=size, draft=draft)
        if rendered.fits:
            return rendered
    assert rendered is not None  # noqa: S101 (TEXT_SIZES is never empty)
    return rendered


def too_long_message(product: LearningProduct) -> str:
    """Which section to shorten: the one furthest over its guide length (the longest, if none
    is over)."""
    kind = ProductKind(product.kind)
    fields = sections.fields_of(kind)
    counts = {f.name: sections.word_count(getattr(product, f.name)) for f in fields}
    over = sorted(
        (f for f in fields if counts[f.name] > f.words),
        key=lambda f: counts[f.name] / f.words,
        reverse=True,
    )
    smallest = f"{sections.TEXT_SIZES[-1] / 10:g}"
    start = (
        f"The {kind.label} does not fit on {PAGE_WORDS[kind]}, even in the smallest text "
        f"({smallest} point). "
    )
    if not over:
        longest = max(fields, key=lambda f: counts[f.name])
        return (
            f"{start}Shorten “{longest.label}”, the longest section ({counts[longest.name]} words)."
        )
    first = over[0]
    message = (
        f"{start}Shorten “{first.label}”: it has {counts[first.name]} words, and about "
        f"{first.words} fit."
    )
    if len(over) > 1:
        others = ", ".join(f"“{f.label}” ({counts[f.name]} words)" for f in over[1:])
        message += f" Also over their guide length: {others}."
    return message


def publishable_pdf(product: LearningProduct) -> RenderedPdf:
    """The PDF to publish: refused if it does not fit (the message names the section)."""
    rendered = fitted(product)
    if not rendered.fits:
        raise DomainError(too_long_message(product))
    return rendered
