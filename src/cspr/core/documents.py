"""Building documents people take away: Word (python-docx) for what partners edit, PDF
(WeasyPrint) for what is final. Domain modules say what goes in; this says how."""

import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.template.loader import render_to_string
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def new_document(title: str, subtitle: str) -> DocxDocument:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.add_heading(title, level=0)
    document.add_paragraph(subtitle)
    return document


def add_section(document: DocxDocument, heading: str, text: str) -> None:
    document.add_heading(heading, level=1)
    for paragraph in (text or "Not recorded.").split("\n"):
        document.add_paragraph(paragraph)


def add_table(document: DocxDocument, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def docx_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 (loads Pango: only when a PDF is asked for)

    html = render_to_string(template, context)
    result: bytes = HTML(string=html).write_pdf()
    return result


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
