"""Reading the text of uploaded PDF and Word files for the library; a file that cannot be read
says why (issue 6, the learning library)."""

import io
import zipfile

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cspr.learning.extraction import ExtractionFailed, clean_text, extract_text
from cspr.learning.models import FailureReason
from tests.fixtures.library import (
    DOCX_TYPE,
    blank_pdf,
    damaged_pdf,
    docx_bytes,
    encrypted_pdf,
    pdf_bytes,
)

PDF_TYPE = "application/pdf"


def test_a_pdf_gives_the_text_of_every_page_and_its_first_line_as_title() -> None:
    extracted = extract_text(
        pdf_bytes("Child M: a learning review", "Agencies did not share information."),
        PDF_TYPE,
    )
    assert extracted.title == "Child M: a learning review"
    assert "Agencies did not share information." in extracted.text
    assert extracted.text.index("Child M") < extracted.text.index("Agencies")


def test_a_word_file_gives_its_paragraphs_and_tables_in_order() -> None:
    data = docx_bytes(
        "Child N: a local child safeguarding practice review",
        "The school saw bruising.",
        table=["Agency", "Health visiting"],
    )
    extracted = extract_text(data, DOCX_TYPE)
    assert extracted.title == "Child N: a local child safeguarding practice review"
    assert extracted.text.splitlines() == [
        "Child N: a local child safeguarding practice review",
        "The school saw bruising.",
        "Agency",
        "Health visiting",
    ]


def test_word_text_leaves_out_the_author_and_text_deleted_with_tracked_changes() -> None:
    document = Document()
    document.core_properties.author = "Jade Testauthor"
    paragraph = document.add_paragraph("Kept words.")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = " Ruby Testchild"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract_text(buffer.getvalue(), DOCX_TYPE)
    assert extracted.text == "Kept words."
    assert qn("w:delText")  # the element really is Word's deleted text


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (encrypted_pdf(), PDF_TYPE, FailureReason.ENCRYPTED),
        (damaged_pdf(), PDF_TYPE, FailureReason.UNREADABLE),
        (b"%PDF-1.7 not really", PDF_TYPE, FailureReason.UNREADABLE),
        (blank_pdf(), PDF_TYPE, FailureReason.NO_TEXT),
        (docx_bytes(), DOCX_TYPE, FailureReason.NO_TEXT),
        (b"PK\x03\x04 broken zip", DOCX_TYPE, FailureReason.UNREADABLE),
        (b"plain text", "text/plain", FailureReason.WRONG_TYPE),
    ],
    ids=["encrypted", "damaged", "not-a-pdf", "no-text", "empty-word", "broken-word", "text"],
)
def test_a_file_that_cannot_be_read_says_why(
    data: bytes, content_type: str, reason: FailureReason
) -> None:
    with pytest.raises(ExtractionFailed) as failed:
        extract_text(data, content_type)
    assert failed.value.reason == reason


def test_a_word_zip_bomb_is_refused_before_it_is_expanded() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (30 * 1024 * 1024))
    with pytest.raises(ExtractionFailed) as failed:
        extract_text(buffer.getvalue(), DOCX_TYPE)
    assert failed.value.reason == FailureReason.UNREADABLE


def test_clean_text_removes_control_characters_and_collapses_blank_lines() -> None:
    assert clean_text("a\u0000b\r\n\r\n\r\n\r\nc  \t d\n\n") == "a b\n\nc d"
    assert clean_text("x" * 20, limit=5) == "xxxxx"
