"""Harmful uploads are refused, wherever a file comes in (issue 8, item 3): what a file is comes
from its content (magic bytes), never its name; a file over the size limit, an empty one, a zip
bomb (a Word or Excel file that expands a thousandfold, or holds thousands of parts) and an
Office file with macros (a VBA project, a macro-enabled content type) are refused with a
message saying what to do, before anything is stored or opened by a library. Every form with a
file field must name its way in here (``ENTRY_POINTS``), so a new upload is tested too. The one
shared check is ``cspr.documents.filetypes`` (``check_upload``, and ``check_office_archive``
for code that opens a workbook itself)."""

import functools
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cspr.actions.services.actions import check_evidence
from cspr.chronology.services.importing import chronology_import
from cspr.core.errors import DomainError
from cspr.documents.filetypes import MAX_UPLOAD_SIZE
from cspr.documents.services.uploads import document_add, version_add
from cspr.learning.models import UploadStatus
from cspr.learning.services.uploads import batch_upload
from cspr.publication.files import check_pdf
from tests.conftest import PartnershipWorld
from tests.documents.files import (
    add_document,
    docm_content_types,
    docx_with_vba_project,
    zip_bomb_docx,
)
from tests.security.database import changed, row_counts
from tests.security.test_hardening import all_form_classes


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["Date", "Source"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(source: bytes, extra: dict[str, bytes], macro_type: bool = False) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(source))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            data = original.read(info.filename)
            if macro_type and info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"spreadsheetml.sheet.main+xml", b"application/vnd.ms-excel.sheet.macroEnabled"
                )
            target.writestr(info.filename, data)
        for name, data in extra.items():
            target.writestr(name, data)
    return buffer.getvalue()


def xlsx_with_vba_project() -> bytes:
    return rewritten(xlsx_bytes(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})


def xlsm_content_types() -> bytes:
    return rewritten(xlsx_bytes(), {}, macro_type=True)


def xlsx_bomb() -> bytes:
    buffer = io.BytesIO(xlsx_bytes())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(8):
            part.write(bytes(1024 * 1024))
    return buffer.getvalue()


def many_parts() -> bytes:
    return rewritten(xlsx_bytes(), {f"xl/parts/{n}.xml": b"" for n in range(5001)})


@dataclass(frozen=True)
class Harm:
    data: Callable[[], bytes]
    name: str
    # What the refusal must say (one of these, as each way in words it for its own files).
    says: tuple[str, ...]


# A way in that does not take the kind of file at all refuses it by type ("must be a PDF",
# "The file is a Word document"): a clear refusal too.
BY_TYPE = ("must be a", "The file is a")
HARMS = {
    "a Word zip bomb": Harm(zip_bomb_docx, "report.docx", ("expands", *BY_TYPE)),
    "an Excel zip bomb": Harm(xlsx_bomb, "data.xlsx", ("expands", *BY_TYPE)),
    "a workbook of 5,001 parts": Harm(many_parts, "data.xlsx", ("expands", *BY_TYPE)),
    "Word with a VBA project": Harm(docx_with_vba_project, "r.docx", ("macros", *BY_TYPE)),
    "macro-enabled Word (.docm)": Harm(docm_content_types, "r.docx", ("macros", *BY_TYPE)),
    "Excel with a VBA project": Harm(xlsx_with_vba_project, "d.xlsx", ("macros", *BY_TYPE)),
    "macro-enabled Excel (.xlsm)": Harm(xlsm_content_types, "d.xlsx", ("macros", *BY_TYPE)),
    "a program called a PDF": Harm(lambda: b"MZ\x90\x00\x03" + bytes(200), "report.pdf", BY_TYPE),
    "an empty file": Harm(lambda: b"", "report.pdf", ("empty",)),
    "a file over the size limit": Harm(
        lambda: b"%PDF-1.7\n" + bytes(MAX_UPLOAD_SIZE + 1), "big.pdf", ("smaller than",)
    ),
}


@dataclass
class Place:
    world: PartnershipWorld
    review: Any
    document: Any

    @property
    def bu(self) -> Any:
        return self.world.person("business_unit")


def library_upload(place: Place, upload: Any) -> None:
    batch = batch_upload(partnership=place.review.case.partnership, by=place.bu, uploads=[upload])
    record = batch.files.get()
    if record.status == UploadStatus.FAILED:
        assert not record.file, "a refused file must not be stored"
        raise DomainError(record.failure_detail)


# Each way a file comes in: the forms that take it, and how to send it a file.
ENTRY_POINTS: dict[str, tuple[set[str], Callable[[Place, Any], object]]] = {
    "a review's document": (
        {"cspr.documents.forms.DocumentAddForm"},
        lambda p, f: document_add(review=p.review, by=p.bu, kind="other", title="x", upload=f),
    ),
    "a new version of a document": (
        {"cspr.documents.forms.VersionAddForm"},
        lambda p, f: version_add(document=p.document, by=p.bu, upload=f),
    ),
    "a chronology import": (
        {"cspr.chronology.forms.ImportForm"},
        lambda p, f: chronology_import(
            review=p.review,
            by=p.bu,
            agency=p.world.person("agency_lead").memberships.get().agency,
            uploaded_file=f,
        ),
    ),
    "the published report": (
        {"cspr.publication.forms.PublishForm", "cspr.publication.forms.NotPublishForm"},
        lambda p, f: check_pdf(f, field="uploaded_file"),
    ),
    "an action's evidence": (
        {"cspr.actions.forms.ActionUpdateForm"},
        lambda p, f: check_evidence([f]),
    ),
    "the learning library's uploads": (
        {"cspr.learning.forms.UploadForm"},
        library_upload,
    ),
}
# The learning library lists every file a batch held, refused ones with why (its design):
# those rows are expected; the refused file itself is never stored.
RECORDS_REFUSALS = {
    "the learning library's uploads": {
        "learning_uploadbatch",
        "learning_uploadedfile",
        "audit_auditevent",
    }
}


def test_every_form_with_a_file_is_an_entry_point_here() -> None:
    with_files = {
        f"{form.__module__}.{form.__name__}"
        for form in all_form_classes()
        if any(isinstance(field, forms.FileField) for field in form.base_fields.values())
    }
    listed = set().union(*(names for names, _ in ENTRY_POINTS.values()))
    assert sorted(with_files - listed) == [], (
        "Add these forms' uploads to ENTRY_POINTS in tests/security/test_uploads.py"
    )


@pytest.fixture
def place(world: PartnershipWorld, cspr: Any) -> Place:
    return Place(
        world=world, review=cspr, document=add_document(cspr, world.person("business_unit"))
    )


@functools.cache
def harmful_bytes(harm: str) -> bytes:
    return HARMS[harm].data()


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_harmful_files_are_refused_clearly_and_nothing_is_kept(place: Place, entry: str) -> None:
    wrong = []
    for harm, kind in HARMS.items():
        upload = SimpleUploadedFile(kind.name, harmful_bytes(harm))
        before = row_counts()
        try:
            ENTRY_POINTS[entry][1](place, upload)
        except DomainError as refusal:
            if not any(words in refusal.message for words in kind.says):
                wrong.append(f"{harm}: refused as {refusal.message!r}")
        else:
            wrong.append(f"{harm}: accepted")
        if rows := set(changed(before, row_counts())) - RECORDS_REFUSALS.get(entry, set()):
            wrong.append(f"{harm}: changed {rows}")
    assert wrong == []


def test_the_chronology_page_shows_why_a_workbook_with_macros_is_refused(
    place: Place, client_as: Any
) -> None:
    review = place.review
    url = reverse(
        "chronology:import",
        kwargs={
            "partnership_slug": review.case.partnership.slug,
            "reference": review.case.reference,
        },
    )
    agency = place.world.person("agency_lead").memberships.get().agency
    response = client_as("business_unit").post(
        url, {"agency": agency.pk, "file": SimpleUploadedFile("d.xlsx", xlsx_with_vba_project())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "contains macros, which CSPR does not accept" in page
