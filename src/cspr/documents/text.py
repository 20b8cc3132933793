"""The text of a report, in blocks that say where each came from ("paragraph 12", "page 3"),
for the anonymisation check.

Word (python-docx): every paragraph of the body in order, tables and text boxes included, then
headers, footers, footnotes, endnotes and comments, plus text deleted with tracked changes
(still in the file) and the document's properties (author, title...). PDF (pypdf): each page's
text and the document's properties."""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
import pypdf
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from cspr.core.errors import DomainError
from cspr.documents.filetypes import DOCX, PDF, check_zip_sizes


@dataclass(frozen=True)
class TextBlock:
    location: str
    text: str


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
WORD_PARTS = {
    f"{_WML}document.main+xml": "paragraph",
    f"{_WML}header+xml": "header",
    f"{_WML}footer+xml": "footer",
    f"{_WML}footnotes+xml": "footnotes",
    f"{_WML}endnotes+xml": "endnotes",
    f"{_WML}comments+xml": "comments in the document",
}
_P, _T, _DEL, _TAB, _BR, _CR = (qn(t) for t in ("w:p", "w:t", "w:delText", "w:tab", "w:br", "w:cr"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PROPERTIES = "document properties"
UNREADABLE = (
    "CSPR could not read the text of the final report. Save it again as a Word document (.docx) "
    "or a PDF, upload it as a new version and run the check again."
)


def text_blocks(data: bytes, content_type: str) -> list[TextBlock]:
    if content_type == DOCX.content_type:
        return word_blocks(data)
    if content_type == PDF.content_type:
        return pdf_blocks(data)
    raise DomainError("The final report must be a Word document (.docx) or a PDF to be checked.")


def word_blocks(data: bytes) -> list[TextBlock]:
    try:
        return _word_blocks(data)
    except DomainError:
        raise
    except Exception as error:  # a damaged or hostile file: any parsing error
        raise DomainError(UNREADABLE) from error


def _word_blocks(data: bytes) -> list[TextBlock]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_zip_sizes(archive.infolist())
    document = docx.Document(io.BytesIO(data))
    blocks = list(_properties(document.core_properties))
    parts = sorted(
        (p for p in document.part.package.iter_parts() if p.content_type in WORD_PARTS),
        key=lambda p: (list(WORD_PARTS).index(p.content_type), str(p.partname)),
    )
    for part in parts:
        where = WORD_PARTS[part.content_type]
        number = 0
        for paragraph in parse_xml(part.blob).iter(_P):
            if _in_fallback(paragraph):
                continue  # the same text box again, for older versions of Word
            text = _paragraph_text(paragraph)
            if not text.strip():
                continue
            number += 1
            blocks.append(TextBlock(f"{where} {number}" if where == "paragraph" else where, text))
    return blocks


def _properties(props: Any) -> Iterator[TextBlock]:
    for name in ("title", "subject", "author", "last_modified_by", "keywords", "comments"):
        value = getattr(props, name, "") or ""
        if value.strip():
            yield TextBlock(PROPERTIES, value)


def _in_fallback(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _own_paragraph(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _paragraph_text(paragraph: Any) -> str:
    """The paragraph's own text (a text box inside it is a paragraph of its own)."""
    pieces = []
    for element in paragraph.iter(_T, _DEL, _TAB, _BR, _CR):
        if _own_paragraph(element) is not paragraph:
            continue
        if element.tag in {_T, _DEL}:
            pieces.append(element.text or "")
        else:
            pieces.append("\t" if element.tag == _TAB else "\n")
    return "".join(pieces)


def pdf_blocks(data: bytes) -> list[TextBlock]:
    """pypdf bounds how far one stream may expand (75 MB by default)."""
    try:
        return _pdf_blocks(data)
    except DomainError:
        raise
    except Exception as error:  # a damaged or hostile file: any parsing error
        raise DomainError(UNREADABLE) from error


def _pdf_blocks(data: bytes) -> list[TextBlock]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DomainError(
            "The final report is a PDF protected by a password. Upload it without the "
            "password and run the check again."
        )
    blocks = [
        TextBlock(PROPERTIES, str(value))
        for key, value in (reader.metadata or {}).items()
        if key in {"/Title", "/Subject", "/Author", "/Keywords"} and str(value).strip()
    ]
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if text.strip():
            blocks.append(TextBlock(f"page {number}", text))
    return blocks
