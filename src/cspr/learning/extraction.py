"""The text of an uploaded review, for the library: PDF with pypdf, Word (.docx) with
python-docx. A file that cannot be read raises :class:`ExtractionFailed` with the reason, so the
business unit is told what to do about it (nothing is lost silently).

Only the document's own text is kept: the body's paragraphs in order (tables and text boxes
included), not the author and other properties, comments, or text deleted with tracked changes,
which may name people."""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
import pypdf
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from cspr.core.errors import DomainError
from cspr.documents.filetypes import DOCX, PDF, check_zip_sizes
from cspr.learning.models import FailureReason
from cspr.learning.search_schema import MAX_INDEXED_CHARACTERS

MAX_TITLE_LENGTH = 300
# Characters the search uses to mark highlighted words: never part of a stored text.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"

_P, _T, _TAB, _BR, _CR = (qn(t) for t in ("w:p", "w:t", "w:tab", "w:br", "w:cr"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKS = re.compile("[\ue000\ue001]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str  # a first guess, from the document's first line; the person confirms it


class ExtractionFailed(Exception):
    def __init__(self, reason: FailureReason, detail: str = "") -> None:
        super().__init__(reason.label)
        self.reason = reason
        self.detail = detail


def clean_text(text: str, *, limit: int = MAX_INDEXED_CHARACTERS) -> str:
    """Text fit to store and search: no control characters (PostgreSQL refuses NUL) nor the
    search's highlight marks, spaces collapsed, at most ``limit`` characters."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", _MARKS.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:limit]


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:MAX_TITLE_LENGTH]
    return ""


def extract_text(data: bytes, content_type: str) -> Extracted:
    """The text of a PDF or Word file. Raises ExtractionFailed."""
    if content_type == PDF.content_type:
        text = pdf_text(data)
    elif content_type == DOCX.content_type:
        text = word_text(data)
    else:
        raise ExtractionFailed(FailureReason.WRONG_TYPE)
    text = clean_text(text)
    if not text:
        raise ExtractionFailed(FailureReason.NO_TEXT)
    return Extracted(text=text, title=first_line(text))


def pdf_text(data: bytes) -> str:
    """Each page's text, pages separated by a blank line. pypdf bounds how far one stream may
    expand, so a hostile file cannot exhaust memory."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as error:  # an unsupported cipher is as good as a password
                raise ExtractionFailed(FailureReason.ENCRYPTED) from error
            if not opened:
                raise ExtractionFailed(FailureReason.ENCRYPTED)
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except ExtractionFailed:
        raise
    except Exception as error:  # a damaged or hostile file: any parsing error
        raise ExtractionFailed(FailureReason.UNREADABLE, type(error).__name__) from error


def word_text(data: bytes) -> str:
    """The body's paragraphs in order, one a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_sizes(archive.infolist())
        document = docx.Document(io.BytesIO(data))
        part = next(p for p in document.part.package.iter_parts() if p.content_type == _MAIN_PART)
        paragraphs = [
            _paragraph_text(paragraph)
            for paragraph in parse_xml(part.blob).iter(_P)
            if not _in_fallback(paragraph)
        ]
        return "\n".join(paragraphs)
    except DomainError as error:  # a zip bomb
        raise ExtractionFailed(FailureReason.UNREADABLE, error.message) from error
    except Exception as error:  # a damaged or hostile file: any parsing error
        raise ExtractionFailed(FailureReason.UNREADABLE, type(error).__name__) from error


def _in_fallback(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _FALLBACK:
            return True  # the same text box again, for older versions of Word
        parent = parent.getparent()
    return False


def _own_paragraph(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _paragraph_text(paragraph: Any) -> str:
    """The paragraph's own text (a text box inside it is a paragraph of its own); deleted
    text (w:delText) is left out."""
    pieces = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR):
        if _own_paragraph(element) is not paragraph:
            continue
        if element.tag == _T:
            pieces.append(element.text or "")
        else:
            pieces.append(" " if element.tag == _TAB else "\n")
    return "".join(pieces)
