"""Uploading a document, and a new version of one. Files are checked by content
(``filetypes.check_upload``) and stored through Django's default storage under a random
name; the name the person gave the file is kept, made safe, only to name the download."""

from typing import Any

from django.db import transaction

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.documents import filetypes
from cspr.documents.models import Document, DocumentKind, DocumentVersion
from cspr.documents.services._common import audit, locked
from cspr.reviews.models import Review
from cspr.reviews.workflow import ReviewState

_REPORTS = (filetypes.PDF, filetypes.DOCX)
_TEXT = (filetypes.PDF, filetypes.DOCX, filetypes.ODT)
# The final report must be Word or PDF: the anonymisation check reads those.
ALLOWED_TYPES: dict[str, tuple[filetypes.FileType, ...]] = {
    DocumentKind.FINAL_REPORT: _REPORTS,
    DocumentKind.DRAFT_REPORT: _TEXT,
    DocumentKind.MINUTES: _TEXT,
    DocumentKind.AGENCY_REPORT: (*_TEXT, filetypes.XLSX),
    DocumentKind.OTHER: filetypes.ALL_TYPES,
}
# A new version of the final report is possible until it is cleared for publication.
FINAL_REPORT_CHANGES_IN = {ReviewState.OPEN, ReviewState.REPORT_FINAL}


@transaction.atomic
def document_add(*, review: Review, by: User, kind: str, title: str, upload: Any) -> Document:
    """A new document with its first version."""
    review = locked(review)
    title = title.strip()
    if not title:
        raise DomainError("Enter a title for the document.", field="title")
    if kind not in DocumentKind.values:
        raise DomainError("Select what kind of document it is.", field="kind")
    if kind == DocumentKind.FINAL_REPORT:
        _check_final_report_can_change(review)
        if Document.objects.filter(review=review, kind=DocumentKind.FINAL_REPORT).exists():
            raise DomainError(
                "This review already has a final report: upload a new version of it instead.",
                field="kind",
            )
    checked = filetypes.check_upload(upload, allowed=ALLOWED_TYPES[kind])
    document = Document.objects.create(review=review, kind=kind, title=title, created_by=by)
    version = _store(document, by=by, upload=upload, checked=checked, number=1)
    audit(by, "document.added", document, review, kind=kind, version=version.pk)
    return document


@transaction.atomic
def version_add(*, document: Document, by: User, upload: Any) -> DocumentVersion:
    """A new version of a document; earlier versions stay as they were."""
    review = locked(document.review)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_final_report:
        _check_final_report_can_change(review)
    checked = filetypes.check_upload(upload, allowed=ALLOWED_TYPES[document.kind])
    last = document.versions.order_by("-number").values_list("number", flat=True).first()
    version = _store(document, by=by, upload=upload, checked=checked, number=(last or 0) + 1)
    audit(
        by,
        "document_version.added",
        version,
        review,
        document=document.pk,
        number=version.number,
    )
    return version


def _check_final_report_can_change(review: Review) -> None:
    if review.state not in FINAL_REPORT_CHANGES_IN:
        raise DomainError(
            "The final report has been cleared for publication, so it can no longer change."
        )


def _store(
    document: Document, *, by: User, upload: Any, checked: filetypes.CheckedFile, number: int
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=filetypes.download_name(getattr(upload, "name", "") or "", checked.type),
        content_type=checked.type.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    version.file.save("upload", upload, save=False)  # the name comes from version_path
    try:
        version.save()
    except Exception:
        if version.file.name:
            version.file.storage.delete(version.file.name)
        raise
    return version
