"""Lines of a JSON Lines file (``import_learning``) into the library, all or nothing."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.learning.models import (
    ConfirmedBy,
    ItemTheme,
    LearningItem,
    Origin,
)

if TYPE_CHECKING:
    from cspr.learning.importing import ImportRow
from cspr.learning.services._shared import (
    _audit,
)


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
