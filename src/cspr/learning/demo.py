"""Fictional demo content for the learning library, so that ``make run`` shows it: twelve
fictional summaries imported from ``demo_library.jsonl`` (each says it is a fictional example),
and one uploaded Word file for the demo partnership, read into a draft for the business unit
to complete. Nothing here is about a real child or a real review."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from cspr.accounts.models import User
from cspr.learning.importing import read_jsonl
from cspr.learning.models import UploadBatch
from cspr.learning.services.imports import library_import
from cspr.learning.services.uploads import batch_upload
from cspr.partnerships.models import Partnership, Role

DEMO_FILE = Path(__file__).with_name("demo_library.jsonl")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def seed_demo_library() -> int:
    """Import the demo summaries not yet in the library; returns how many were added."""
    with DEMO_FILE.open(encoding="utf-8") as lines:
        report = read_jsonl(lines)
    problems = [e for e in report.errors if "duplicate of library item" not in e]
    if problems:
        raise ValueError("demo_library.jsonl: " + "; ".join(problems))
    return len(library_import(rows=report.rows)) if report.rows else 0


def _demo_docx() -> bytes:
    document = Document()
    document.add_heading("Fictional example: Child J, a local learning review", level=1)
    for text in (
        "Fictional example. This learning review looked at the help given to a ten-year-old "
        "boy who lived with his mother and her partner.",
        "Police attended three incidents of domestic abuse at the home. The school was not "
        "told, so staff did not understand why he was tired and withdrawn.",
        "His mother misused alcohol and missed health appointments for him. Practitioners "
        "did not ask who else lived in the home, and the partner was never seen.",
        "Learning: share domestic abuse notifications with schools the next working day; ask "
        "about every adult in the household; hear the child's own account.",
    ):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_demo_upload(partnership: Partnership) -> bool:
    """One uploaded file for the business unit to complete, once per partnership."""
    if UploadBatch.objects.filter(partnership=partnership).exists():
        return False
    business_unit = User.objects.filter(
        memberships__partnership=partnership, memberships__role=Role.BUSINESS_UNIT
    ).first()
    if business_unit is None:
        return False
    upload = SimpleUploadedFile("fictional-child-j.docx", _demo_docx(), content_type=DOCX_TYPE)
    batch_upload(partnership=partnership, by=business_unit, uploads=[upload])
    return True
