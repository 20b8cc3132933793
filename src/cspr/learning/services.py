"""Writes for the learning library, one function per action, each atomic and audited.

Items come in three ways: a partnership's own review, added when it is published (and
withdrawn when the report is taken down); lines of a JSON Lines file (``import_learning``);
and PDF or Word files a business unit uploads, each read in its own background task into a
draft that the business unit completes and publishes. Themes are suggested from the text with
their reasons, and are an item's only once a person (or the imported file) confirms them."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.documents import filetypes
from cspr.learning.models import (
    AgeGroup,
    ConfirmedBy,
    FailureReason,
    ItemTheme,
    LearningItem,
    Origin,
    ReviewType,
    Theme,
    UploadBatch,
    UploadedFile,
    UploadStatus,
)
from cspr.partnerships.models import Partnership

if TYPE_CHECKING:
    from cspr.learning.importing import ImportRow
    from cspr.publication.models import PublishedReport

ALLOWED_UPLOADS = (filetypes.PDF, filetypes.DOCX)
MAX_FILES_IN_A_BATCH = 50

# A review's kind in CSPR and the library's type for it.
TYPE_OF_REVIEW_KIND = {
    "local_cspr": ReviewType.CSPR,
    "local_learning_review": ReviewType.LOCAL_LEARNING_REVIEW,
    "national_contribution": ReviewType.NATIONAL_REVIEW,
}

_NOT_WORDS = re.compile(r"[^0-9a-z]+")


def _normalised(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _NOT_WORDS.sub(" ", ascii_text.casefold()).strip()


def fingerprint_of(*, title: str, source: str, year: int | None) -> str:
    """The same review from the same partnership in the same year, however it is spelt
    (case, accents, punctuation and spacing do not count)."""
    content = f"{_normalised(title)}\n{_normalised(source)}\n{year or ''}"
    return hashlib.sha256(content.encode()).hexdigest()


def _audit(
    by: User | None, verb: str, obj: Any, partnership_id: int | None, /, **data: Any
) -> None:
    audit_record(by=by, verb=verb, obj=obj, partnership_id=partnership_id, data=data)


def _duplicate_of(fingerprint: str, *, exclude: int | None = None) -> LearningItem | None:
    if not fingerprint:
        return None
    others = LearningItem.objects.filter(fingerprint=fingerprint)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.first()


def _store_suggestions(item: LearningItem, suggestions: Sequence[Any]) -> None:
    """Keep CSPR's suggestions (unconfirmed) with their reasons, beside any confirmed themes."""
    existing = set(ItemTheme.objects.filter(item=item).values_list("theme_id", flat=True))
    ItemTheme.objects.bulk_create(
        [
            ItemTheme(item=item, theme=s.theme, reasons=list(s.reasons), score=float(s.score))
            for s in suggestions
            if s.theme.pk not in existing
        ]
    )


def suggest_for(item: LearningItem) -> None:
    """Suggest themes from the item's words (the themes helper's ``suggest_themes``)."""
    from cspr.learning.suggestions import suggest_themes  # noqa: PLC0415 (app loading)

    words = "\n".join((item.title, item.summary, item.key_learning, item.text))
    _store_suggestions(item, suggest_themes(words))


def _confirm_themes(
    item: LearningItem, *, theme_ids: Iterable[int], by: User | None, via: str
) -> dict[str, list[int]]:
    """Make ``theme_ids`` the item's confirmed themes. A suggestion not chosen stays a
    suggestion; a confirmed theme no longer chosen goes back to being a suggestion if CSPR
    suggested it, and is removed if not."""
    chosen = set(theme_ids)
    rows = {row.theme_id: row for row in ItemTheme.objects.filter(item=item)}
    now = timezone.now()
    to_confirm = [pk for pk, row in rows.items() if pk in chosen and not row.is_confirmed]
    to_add = sorted(chosen - set(rows))
    dropped = [pk for pk, row in rows.items() if pk not in chosen and row.is_confirmed]
    ItemTheme.objects.filter(item=item, theme_id__in=to_confirm).update(
        confirmed_at=now, confirmed_by=by, confirmed_via=via
    )
    ItemTheme.objects.bulk_create(
        [
            ItemTheme(item=item, theme_id=pk, confirmed_at=now, confirmed_by=by, confirmed_via=via)
            for pk in to_add
        ]
    )
    suggested = [pk for pk in dropped if rows[pk].reasons]
    ItemTheme.objects.filter(item=item, theme_id__in=suggested).update(
        confirmed_at=None, confirmed_by=None, confirmed_via=""
    )
    ItemTheme.objects.filter(item=item, theme_id__in=set(dropped) - set(suggested)).delete()
    return {"confirmed": sorted(to_confirm + to_add), "unconfirmed": sorted(dropped)}


# Own published reviews ---------------------------------------------------------------------


def library_add_published(*, published: "PublishedReport", by: User) -> LearningItem:
    """Called by the publication service in its transaction: the partnership's published
    review (or the information about improvements) enters the library, public at once, and its
    PDF's text is read after the commit."""
    review = published.review
    partnership = review.case.partnership
    year = published.published_on.year
    fingerprint = fingerprint_of(title=published.title, source=partnership.name, year=year)
    duplicate = _duplicate_of(fingerprint)
    item = LearningItem.objects.create(
        title=published.title,
        source_name=partnership.name,
        partnership=partnership,
        year=year,
        review_type=TYPE_OF_REVIEW_KIND.get(review.kind, ReviewType.OTHER_LEARNING),
        summary=published.summary,
        origin=Origin.PUBLISHED,
        published_report=published,
        # A copy imported earlier keeps its fingerprint; the partnership's own is added anyway.
        fingerprint="" if duplicate else fingerprint,
        is_public=True,
        made_public_at=timezone.now(),
        created_by=by,
    )
    suggest_for(item)
    _audit(
        by,
        "learning_item.added",
        item,
        partnership.pk,
        origin=Origin.PUBLISHED,
        published_report=published.pk,
        duplicate_of=duplicate.pk if duplicate else None,
    )
    if published.file:
        from cspr.learning.tasks import read_published_report  # noqa: PLC0415 (cycle)

        item_id = item.pk
        transaction.on_commit(lambda: read_published_report.enqueue(item_id=item_id))
    return item


def library_withdraw_published(*, published: "PublishedReport", by: User) -> None:
    """Called by the publication service when a report is taken down: its library entry is no
    longer public (kept, marked withdrawn)."""
    item = LearningItem.objects.select_for_update().filter(published_report=published).first()
    if item is None or not item.is_public:
        return
    _withdraw(item, by=by, reason="report_taken_down")


@transaction.atomic
def published_text_read(*, item_id: int) -> LearningItem | None:
    """Read the text of an own published report's PDF into its library entry (the task)."""
    from cspr.learning.extraction import ExtractionFailed, extract_text  # noqa: PLC0415

    item = (
        LearningItem.objects.select_for_update(of=("self",))
        .select_related("published_report")
        .filter(pk=item_id, origin=Origin.PUBLISHED)
        .first()
    )
    if item is None or item.published_report is None or not item.published_report.file:
        return None
    if item.text:  # read already: the task run again (a retry) does nothing
        return item
    with item.published_report.file.open("rb") as stored:
        data = stored.read()
    try:
        extracted = extract_text(data, filetypes.PDF.content_type)
    except ExtractionFailed as failed:
        _audit(None, "learning_item.text_unread", item, item.partnership_id, reason=failed.reason)
        return item
    LearningItem.objects.filter(pk=item.pk).update(text=extracted.text, updated_at=timezone.now())
    item.text = extracted.text
    suggest_for(item)
    _audit(None, "learning_item.text_read", item, item.partnership_id)
    return item


# Import ------------------------------------------------------------------------------------


@transaction.atomic
def library_import(*, rows: Sequence["ImportRow"], by: User | None = None) -> list[LearningItem]:
    """Add checked rows (``importing.read_jsonl``) to the library, public at once; the themes
    given in the file are confirmed by the import. All or nothing: a duplicate found now (added
    since the check) refuses the whole import."""
    fingerprints = [row.fingerprint for row in rows]
    taken = set(
        LearningItem.objects.filter(fingerprint__in=fingerprints).values_list(
            "fingerprint", flat=True
        )
    )
    if taken or len(set(fingerprints)) != len(fingerprints):
        raise DomainError("Some lines are already in the library: check the file again.")
    now = timezone.now()
    items = LearningItem.objects.bulk_create(
        [
            LearningItem(
                title=row.title,
                source_name=row.source_name,
                year=row.year,
                review_type=row.review_type,
                summary=row.summary,
                key_learning=row.key_learning,
                text=row.text,
                url=row.url,
                age_group=row.age_group,
                origin=Origin.IMPORTED,
                fingerprint=row.fingerprint,
                is_public=True,
                made_public_at=now,
                created_by=by,
            )
            for row in rows
        ]
    )
    if any(item.pk is None for item in items):  # backends that do not return ids
        by_fingerprint = dict(
            LearningItem.objects.filter(fingerprint__in=fingerprints).values_list(
                "fingerprint", "pk"
            )
        )
        for item in items:
            item.pk = by_fingerprint[item.fingerprint]
    ItemTheme.objects.bulk_create(
        [
            ItemTheme(
                item=item,
                theme_id=theme_id,
                confirmed_at=now,
                confirmed_by=by,
                confirmed_via=ConfirmedBy.IMPORT,
            )
            for item, row in zip(items, rows, strict=True)
            for theme_id in row.theme_ids
        ]
    )
    for item, row in zip(items, rows, strict=True):
        _audit(by, "learning_item.imported", item, None, line=row.line, themes=len(row.theme_ids))
    return items


# Uploads -----------------------------------------------------------------------------------


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


# Editing and publishing --------------------------------------------------------------------

EDITABLE = (
    "title",
    "source_name",
    "year",
    "review_type",
    "summary",
    "key_learning",
    "url",
    "age_group",
)


def _missing_for_public(item: LearningItem) -> list[str]:
    missing = []
    if not item.title.strip():
        missing.append("a title")
    if not item.year:
        missing.append("the year")
    if not item.review_type:
        missing.append("the type of review")
    if not item.summary.strip():
        missing.append("a summary")
    return missing


def _check_not_duplicate(item: LearningItem) -> None:
    duplicate = _duplicate_of(item.fingerprint, exclude=item.pk)
    if duplicate is not None:
        raise DomainError(
            f"The library already has “{duplicate.title}” from {duplicate.source} for "
            f"{duplicate.year}. Change the title, partnership or year if this is a different "
            "review.",
            field="title",
        )


def _locked(item: LearningItem) -> LearningItem:
    return LearningItem.objects.select_for_update(of=("self",)).get(pk=item.pk)


@transaction.atomic
def item_update(
    *,
    item: LearningItem,
    by: User,
    values: dict[str, Any],
    theme_ids: Iterable[int],
    expected_version: int,
) -> LearningItem:
    """Save the item's details and confirm its themes. A public item must stay complete; a
    change that makes it the same as another item in the library is refused."""
    item = _locked(item)
    changed = [name for name in EDITABLE if name in values and getattr(item, name) != values[name]]
    for name in changed:
        setattr(item, name, values[name])
    if item.age_group not in AgeGroup.values:
        raise DomainError("Select the child's age group", field="age_group")
    if item.is_public:
        missing = _missing_for_public(item)
        if missing:
            raise DomainError(
                f"This item is in the public library, so it needs {', '.join(missing)}.",
                field="title",
            )
    if item.origin != Origin.PUBLISHED:
        item.fingerprint = (
            fingerprint_of(title=item.title, source=item.source, year=item.year)
            if item.title and item.year
            else ""
        )
        _check_not_duplicate(item)
    save_versioned(item, expected_version=expected_version, fields=[*EDITABLE, "fingerprint"])
    valid = set(Theme.objects.filter(pk__in=list(theme_ids)).values_list("pk", flat=True))
    themes = _confirm_themes(item, theme_ids=valid, by=by, via=ConfirmedBy.PERSON)
    _audit(by, "learning_item.updated", item, item.partnership_id, fields=changed, **themes)
    return item


@transaction.atomic
def item_publish(*, item: LearningItem, by: User) -> LearningItem:
    """Put a completed draft in the public library."""
    item = _locked(item)
    if item.is_public:
        raise DomainError("This item is already in the public library.")
    if item.origin == Origin.PUBLISHED and (
        item.published_report is None or item.published_report.taken_down_on is not None
    ):
        raise DomainError("The report has been taken down, so it cannot go back in the library.")
    missing = _missing_for_public(item)
    if missing:
        raise DomainError(f"Before it goes in the library, add {', '.join(missing)}.")
    _check_not_duplicate(item)
    item.is_public = True
    item.made_public_at = timezone.now()
    item.withdrawn_at = None
    item.version += 1
    item.save(
        update_fields=["is_public", "made_public_at", "withdrawn_at", "version", "updated_at"]
    )
    _audit(by, "learning_item.published", item, item.partnership_id)
    return item


def _withdraw(item: LearningItem, *, by: User, reason: str) -> None:
    item.is_public = False
    item.withdrawn_at = timezone.now()
    item.version += 1
    item.save(update_fields=["is_public", "withdrawn_at", "version", "updated_at"])
    _audit(by, "learning_item.withdrawn", item, item.partnership_id, reason=reason)


@transaction.atomic
def item_withdraw(*, item: LearningItem, by: User) -> LearningItem:
    """Take an item out of the public library (it is kept, and can be published again)."""
    item = _locked(item)
    if not item.is_public:
        raise DomainError("This item is not in the public library.")
    _withdraw(item, by=by, reason="withdrawn_by_business_unit")
    return item
