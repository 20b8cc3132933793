"""PDF and Word files a business unit uploads, each read in its own background task into a
draft the business unit completes."""

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.documents import filetypes
from cspr.learning.models import (
    FailureReason,
    LearningItem,
    Origin,
    UploadBatch,
    UploadedFile,
    UploadStatus,
)
from cspr.partnerships.models import Partnership

if TYPE_CHECKING:
    pass
from cspr.learning.services._shared import (
    _audit,
    suggest_for,
)

ALLOWED_UPLOADS = (filetypes.PDF, filetypes.DOCX)
MAX_FILES_IN_A_BATCH = 50


def _refusal(upload: Any, error: DomainError) -> FailureReason:
    size = int(upload.size or 0)
    if size == 0:
        return FailureReason.EMPTY_FILE
    if size > filetypes.MAX_UPLOAD_SIZE:
        return FailureReason.TOO_LARGE
    return FailureReason.WRONG_TYPE


@transaction.atomic
def batch_upload(*, partnership: Partnership, by: User, uploads: Sequence[Any]) -> UploadBatch:
    """Keep a batch of files. Each PDF or Word file (checked by its content, not its name) is
    queued to have its text read in its own background task; any other file is recorded as not
    read, with why, so the business unit sees every file it sent."""
    if not uploads:
        raise DomainError("Select one or more PDF or Word files", field="uploads")
    if len(uploads) > MAX_FILES_IN_A_BATCH:
        raise DomainError(
            f"Select {MAX_FILES_IN_A_BATCH} files or fewer at a time", field="uploads"
        )
    batch = UploadBatch.objects.create(partnership=partnership, uploaded_by=by)
    known = set(
        UploadedFile.objects.filter(batch__partnership=partnership)
        .exclude(status=UploadStatus.FAILED)
        .values_list("sha256", flat=True)
    )
    queued: list[int] = []
    for upload in uploads:
        record = UploadedFile(
            batch=batch,
            original_name=(getattr(upload, "name", "") or "file")[:200],
            size=int(upload.size or 0),
        )
        try:
            checked = filetypes.check_upload(upload, allowed=ALLOWED_UPLOADS)
        except DomainError as error:
            record.status = UploadStatus.FAILED
            record.failure = _refusal(upload, error)
            record.failure_detail = error.message[:300]
            record.finished_at = timezone.now()
            record.save()
            continue
        record.original_name = filetypes.download_name(record.original_name, checked.type)
        record.content_type = checked.type.content_type
        record.sha256 = checked.sha256
        if checked.sha256 in known:
            record.status = UploadStatus.FAILED
            record.failure = FailureReason.DUPLICATE
            record.finished_at = timezone.now()
            record.save()
            continue
        known.add(checked.sha256)
        upload.seek(0)
        record.file.save("upload", upload, save=False)  # the name comes from upload_path
        record.save()
        queued.append(record.pk)
    _audit(
        by,
        "learning_upload.added",
        batch,
        partnership.pk,
        files=len(uploads),
        queued=len(queued),
    )
    from cspr.learning.tasks import read_uploaded_file  # noqa: PLC0415 (cycle)

    for upload_id in queued:
        transaction.on_commit(partial(read_uploaded_file.enqueue, upload_id=upload_id))
    return batch


@transaction.atomic
def upload_read(*, upload_id: int) -> UploadedFile | None:
    """Read one queued file (the task): a draft item with the text and CSPR's theme
    suggestions, or the file marked not read with the reason. Running it twice does nothing
    the second time."""
    from cspr.learning.extraction import ExtractionFailed, extract_text  # noqa: PLC0415

    record = (
        UploadedFile.objects.select_for_update(of=("self",))
        .select_related("batch__partnership", "batch__uploaded_by")
        .filter(pk=upload_id, status=UploadStatus.QUEUED)
        .first()
    )
    if record is None:
        return None
    batch = record.batch
    try:
        with record.file.open("rb") as stored:
            data = stored.read()
        extracted = extract_text(data, record.content_type)
    except ExtractionFailed as failed:
        record.status = UploadStatus.FAILED
        record.failure = failed.reason
        record.failure_detail = failed.detail[:300]
    except OSError:
        record.status = UploadStatus.FAILED
        record.failure = FailureReason.UNREADABLE
        record.failure_detail = "The stored file could not be opened."
    else:
        item = LearningItem.objects.create(
            title=extracted.title,
            source_name=batch.partnership.name,
            partnership=batch.partnership,
            text=extracted.text,
            origin=Origin.UPLOADED,
            created_by=batch.uploaded_by,
        )
        suggest_for(item)
        record.item = item
        record.status = UploadStatus.EXTRACTED
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "failure", "failure_detail", "item", "finished_at"])
    _audit(
        batch.uploaded_by,
        "learning_upload.read" if record.item_id else "learning_upload.not_read",
        record,
        batch.partnership_id,
        batch=batch.pk,
        item=record.item_id,
        reason=record.failure,
    )
    return record
