"""Uploads: the type is decided by what is inside the file, never its name; size limited;
macros and zip bombs refused; each upload of an existing document is a new version, stored
under a random name through Django's storage."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from openpyxl import Workbook

from cspr.core.errors import DomainError
from cspr.documents import filetypes
from cspr.documents.models import DocumentVersion
from cspr.documents.services.uploads import document_add, version_add
from tests.documents.files import (
    add_document,
    docm_content_types,
    docx_bytes,
    docx_with_vba_project,
    pdf_bytes,
    png_bytes,
    upload,
    zip_bomb_docx,
)


def test_a_real_word_document_is_accepted_by_its_content(cspr, bu) -> None:
    data = docx_bytes("A draft.")
    document = add_document(cspr, bu, data=data, name="Ruby Testchild draft.docx")
    version = document.versions.get()
    assert version.content_type == filetypes.DOCX.content_type
    assert version.size == len(data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.original_name == "Ruby Testchild draft.docx"
    # Stored through Django's storage under a random name with nothing of the child in it.
    assert version.file.name.startswith("documents/")
    assert "Ruby" not in version.file.name
    assert version.file.name.endswith(".docx")
    assert default_storage.open(version.file.name).read() == data


def test_a_real_pdf_is_accepted_by_its_content(cspr, bu) -> None:
    document = add_document(cspr, bu, data=pdf_bytes("A draft."), name="draft.pdf")
    assert document.versions.get().content_type == "application/pdf"


def test_a_file_without_an_extension_is_stored_as_what_it_is(cspr, bu) -> None:
    document = add_document(cspr, bu, data=pdf_bytes("A draft."), name="draft")
    version = document.versions.get()
    assert version.content_type == "application/pdf"
    assert version.original_name == "draft.pdf"


def test_a_pdf_named_docx_is_refused(cspr, bu) -> None:
    with pytest.raises(DomainError, match=r"is a PDF but its name ends \.docx") as refused:
        add_document(cspr, bu, data=pdf_bytes("A draft."), name="draft.docx")
    assert refused.value.field == "file"
    assert not DocumentVersion.objects.exists()


def test_a_png_named_pdf_is_refused(cspr, bu) -> None:
    with pytest.raises(DomainError, match=r"must be a PDF or Word document \(\.docx\)"):
        add_document(cspr, bu, kind="final_report", data=png_bytes(), name="report.pdf")
    with pytest.raises(DomainError, match=r"is a PNG image but its name ends \.pdf"):
        add_document(cspr, bu, kind="other", data=png_bytes(), name="photo.pdf")


def test_a_png_is_accepted_as_an_image(cspr, bu) -> None:
    document = add_document(cspr, bu, kind="other", data=png_bytes(), name="chart.png")
    assert document.versions.get().content_type == "image/png"


def test_a_text_file_named_pdf_is_refused_naming_what_is_accepted(cspr, bu) -> None:
    with pytest.raises(DomainError) as refused:
        add_document(cspr, bu, kind="minutes", data=b"Minutes of the meeting\n", name="m.pdf")
    assert refused.value.message == (
        "The selected file must be a PDF, Word document (.docx) or OpenDocument text (.odt). "
        "CSPR looks at what is inside the file, not at its name."
    )


def test_an_old_word_document_is_refused(cspr, bu) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    with pytest.raises(DomainError, match="must be a"):
        add_document(cspr, bu, data=ole, name="old.doc")


def test_a_file_over_20_mb_is_refused(cspr, bu) -> None:
    data = b"%PDF-1.7\n" + bytes(filetypes.MAX_UPLOAD_SIZE)
    with pytest.raises(DomainError, match="must be smaller than 20 MB"):
        add_document(cspr, bu, data=data, name="big.pdf")


def test_an_empty_file_is_refused(cspr, bu) -> None:
    with pytest.raises(DomainError, match="is empty"):
        document_add(review=cspr, by=bu, kind="minutes", title="M", upload=upload("m.pdf", b""))


@pytest.mark.parametrize("make", [docx_with_vba_project, docm_content_types])
def test_a_word_document_with_macros_is_refused(cspr, bu, make) -> None:
    with pytest.raises(DomainError, match="contains macros"):
        add_document(cspr, bu, data=make(), name="report.docx")


def test_a_zip_bomb_is_refused_before_it_is_opened(cspr, bu) -> None:
    data = zip_bomb_docx()
    assert len(data) < 1024 * 1024  # small on the way in, 60 MB once expanded
    with pytest.raises(DomainError, match="expands to far more than its size"):
        add_document(cspr, bu, data=data, name="report.docx")


def test_a_zip_that_is_not_an_office_document_is_refused(cspr, bu) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DomainError, match="must be a"):
        add_document(cspr, bu, data=buffer.getvalue(), name="report.docx")


def test_new_uploads_are_numbered_versions(cspr, bu, world) -> None:
    document = add_document(cspr, bu)
    second = version_add(document=document, by=bu, upload=upload("v2.pdf", pdf_bytes("v2")))
    third = version_add(
        document=document, by=world.person("reviewer"), upload=upload("v3.docx", docx_bytes("3"))
    )
    assert [v.number for v in document.versions.all()] == [3, 2, 1]
    assert second.content_type == "application/pdf"
    assert third.file.name != second.file.name


def test_a_review_has_one_final_report_whose_new_uploads_are_versions(cspr, bu) -> None:
    add_document(cspr, bu, kind="final_report")
    with pytest.raises(DomainError, match="already has a final report"):
        add_document(cspr, bu, kind="final_report")


def test_the_final_report_must_be_word_or_pdf(cspr, bu) -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    with pytest.raises(DomainError, match="must be a PDF or Word document"):
        add_document(cspr, bu, kind="final_report", data=buffer.getvalue(), name="r.xlsx")
    agency = add_document(cspr, bu, kind="agency_report", data=buffer.getvalue(), name="c.xlsx")
    assert agency.versions.get().content_type == filetypes.XLSX.content_type


def test_the_download_name_is_made_safe() -> None:
    assert filetypes.download_name('..\\..\\etc/pass\nwd".docx', filetypes.DOCX) == ("pass wd.docx")
    assert filetypes.download_name("Bericht für Zoë.pdf", filetypes.PDF) == "Bericht fur Zoe.pdf"
    assert filetypes.download_name("", filetypes.PDF) == "document.pdf"
