"""A partnership's own published review in the library: added when the report is published,
its PDF's text read after the commit, withdrawn when the report is taken down."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.documents import filetypes
from cspr.learning.models import (
    LearningItem,
    Origin,
    ReviewType,
)

if TYPE_CHECKING:
    from cspr.publication.models import PublishedReport
from cspr.learning.fingerprints import fingerprint_of
from cspr.learning.services._shared import (
    TYPE_OF_REVIEW_KIND,
    _audit,
    _duplicate_of,
    _withdraw,
    suggest_for,
)


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
