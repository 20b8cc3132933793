"""The PDFs, read back with pypdf: a Learning on a Page is one A4 page with every section's
heading and text; a 7-minute briefing has its seven numbered panels on one or two landscape
pages; both are tagged (PDF/UA-1) with their title and language; a text too long to fit is
refused, naming the section to shorten; the child's name is never in them."""

import io

import pytest
from pypdf import PdfReader

from cspr.briefings import documents, sections, services, text
from cspr.briefings.models import ProductKind
from cspr.core.errors import DomainError
from tests.briefings.conftest import FULL_TEXT, fill, pdf_text, words
from tests.fixtures.cases import CHILD_NAME

A4 = (595, 842)  # points, portrait; the PDF's sizes are rounded


def page_size(content: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def shown_words(field: str) -> list[str]:
    """What a section's text looks like in the PDF: each paragraph, bullet, question or link."""
    value = FULL_TEXT[field]
    style = sections.FIELDS[field].style
    if style == sections.Style.QUESTIONS:
        return text.questions(value)
    if style == sections.Style.LINKS:
        return [f"{link.label}: {link.url}" for link in text.links(value)]
    return [" ".join(block.items) for block in text.blocks(value)]


def test_a_full_learning_on_a_page_is_one_a4_page_with_every_section(loap) -> None:
    rendered = documents.fitted(loap)
    pages, content = pdf_text(rendered.content)
    assert pages == 1
    assert rendered.fits
    assert page_size(rendered.content) == A4
    flat = words(content)
    assert "Learning on a Page" in flat
    assert loap.title in flat
    assert "Northshire Test SCP. Local child safeguarding practice review." in flat
    for section in sections.SECTIONS[ProductKind.LEARNING_ON_A_PAGE]:
        assert section.heading in flat
        for part in section.parts:
            for item in shown_words(part.field.name):
                # PDF text breaks long addresses over lines: compare without spaces there.
                assert words(item).replace(" ", "") in flat.replace(" ", ""), item


def test_a_seven_minute_briefing_has_its_seven_numbered_panels(seven) -> None:
    rendered = documents.fitted(seven)
    pages, content = pdf_text(rendered.content)
    assert 1 <= pages <= 2
    assert page_size(rendered.content) == A4[::-1]  # landscape
    flat = words(content)
    for number, heading in enumerate(
        (
            "Background",
            "Why it matters",
            "Information",
            "Key learning",
            "What good looks like",
            "Questions for reflection",
            "Further information",
        ),
        start=1,
    ):
        assert f"{number} {heading}" in flat
    assert "What to do differently" in flat
    assert "What the partnership is changing" in flat
    for field in ("what_happened", "why_it_matters", "key_learning", "reflection_questions"):
        for item in shown_words(field):
            assert words(item) in flat, item
    # The panels are in order: 1 before 2 ... before 7.
    positions = [flat.index(f"{n} ") for n in range(1, 8)]
    assert positions == sorted(positions)


def test_the_pdfs_are_tagged_with_title_and_language(loap, seven) -> None:
    for product in (loap, seven):
        reader = PdfReader(io.BytesIO(documents.fitted(product).content))
        root = reader.trailer["/Root"]
        assert reader.metadata is not None
        assert reader.metadata.title == product.title
        assert root["/Lang"] == "en-GB"
        assert "/StructTreeRoot" in root  # tagged
        assert bool(root["/MarkInfo"]["/Marked"])


def test_the_child_s_name_is_never_in_a_pdf(loap, seven) -> None:
    for product in (loap, seven):
        _, content = pdf_text(documents.fitted(product).content)
        for part in CHILD_NAME.split():
            assert part not in content
        assert product.review.case.reference not in content


def test_a_draft_pdf_says_it_is_a_draft(loap) -> None:
    _, content = pdf_text(documents.fitted(loap, draft=True).content)
    assert "Draft: not approved for circulation" in words(content)
    _, content = pdf_text(documents.fitted(loap).content)
    assert "Draft" not in content


def test_longer_text_is_made_smaller_to_fit(loap, bu) -> None:
    longer = fill(loap, bu, what_happened="\n\n".join([FULL_TEXT["what_happened"]] * 3))
    rendered = documents.fitted(longer)
    assert rendered.fits
    assert rendered.text_size < sections.TEXT_SIZES[0]


def test_a_learning_on_a_page_too_long_for_one_page_is_not_approved(loap, bu, partner) -> None:
    """Nothing is cut off: approval is refused with the section to shorten."""
    long_learning = "\n".join(f"- Point {n}: " + "word " * 40 for n in range(12))
    loap = fill(loap, bu, key_learning=long_learning)
    assert not documents.fitted(loap).fits
    with pytest.raises(DomainError) as refused:
        services.product_approve(product=loap, by=partner)
    assert refused.value.message == (
        "The Learning on a Page does not fit on one A4 page, even in the smallest text (9 "
        "point). Shorten “Key learning”: it has 516 words, and about 150 fit."
    )


def test_a_seven_minute_briefing_may_take_two_pages_but_not_three(seven, bu, partner) -> None:
    two = fill(seven, bu, key_learning=FULL_TEXT["key_learning"] * 2)
    assert documents.fitted(two).fits
    three = fill(two, bu, good_practice="A long paragraph. " * 400)
    rendered = documents.fitted(three)
    assert rendered.pages > 2
    with pytest.raises(DomainError, match="Shorten “What good practice looks like”: it has 1200"):
        services.product_approve(product=three, by=partner)
