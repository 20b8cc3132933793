"""Real files for upload tests: Word made with python-docx, PDF made with WeasyPrint, and the
harmful kinds (macros, a zip bomb) made by changing a real Word file."""

import io
import struct
import zipfile
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from cspr.documents.services.uploads import document_add


def docx_bytes(
    *paragraphs: str, table: list[str] | None = None, header: str = "", footer: str = ""
) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, text in zip(grid.rows[0].cells, table, strict=True):
            cell.text = text
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(*pages: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415

    body = "".join(f'<section class="page"><p>{text}</p></section>' for text in pages)
    css = "<style>section.page { break-after: page; }</style>"
    return HTML(string=f"<html><head>{css}</head><body>{body}</body></html>").write_pdf()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _rewrite_docx(extra: dict[str, bytes] | None = None, content_types: Any = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("A report.")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and content_types is not None:
                data = content_types(data)
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def docx_with_vba_project() -> bytes:
    return _rewrite_docx(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})


def docm_content_types() -> bytes:
    main = b"wordprocessingml.document.main+xml"
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    return _rewrite_docx(
        content_types=lambda data: data.replace(
            b"application/vnd.openxmlformats-officedocument." + main, macro
        )
    )


def zip_bomb_docx(expanded_mb: int = 60) -> bytes:
    """A real Word file with a part that expands about a thousandfold."""
    buffer = io.BytesIO(docx_bytes("A report."))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/padding.bin", "w", force_zip64=True) as part,
    ):
        block = bytes(1024 * 1024)
        for _ in range(expanded_mb):
            part.write(block)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def add_document(
    review: Any, by: Any, *, kind: str = "draft_report", data: bytes = b"", name: str = "Draft.docx"
) -> Any:
    return document_add(
        review=review,
        by=by,
        kind=kind,
        title="Draft report" if kind == "draft_report" else "The report",
        upload=upload(name, data or docx_bytes("A draft.")),
    )
