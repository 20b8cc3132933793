"""The published report's file: a PDF, checked by its content (never its name), of a size a
reader can download, that anyone can open (no password)."""

from typing import Any

import filetype
from django.core.files.uploadedfile import UploadedFile
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cspr.core.errors import DomainError

MAX_REPORT_BYTES = 20 * 1024 * 1024
MAX_REPORT_MEGABYTES = MAX_REPORT_BYTES // (1024 * 1024)
PDF_MIME = "application/pdf"
# What filetype needs to recognise a file by its first bytes.
SNIFF_BYTES = 8192


def check_pdf(uploaded: UploadedFile | None, *, field: str, required: bool = True) -> None:
    """Refuse anything but a readable PDF; the message names what to do."""
    if uploaded is None:
        if required:
            raise DomainError("Select the report as a PDF file", field=field)
        return
    size = uploaded.size or 0
    if size == 0:
        raise DomainError("The selected file is empty", field=field)
    if size > MAX_REPORT_BYTES:
        raise DomainError(
            f"The selected file must be smaller than {MAX_REPORT_MEGABYTES}MB", field=field
        )
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    kind: Any = filetype.guess(head)
    if kind is None or kind.mime != PDF_MIME:
        raise DomainError("The selected file must be a PDF", field=field)
    try:
        reader = PdfReader(uploaded, strict=False)
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise DomainError(
            "The selected file could not be opened as a PDF. Save it again as a PDF and upload it",
            field=field,
        ) from error
    finally:
        uploaded.seek(0)
    if encrypted:
        raise DomainError(
            "The selected PDF is protected by a password. Save it without one, so that "
            "anyone can open it",
            field=field,
        )
