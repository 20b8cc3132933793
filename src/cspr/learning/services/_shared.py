"""What the library's services share: the audit, finding a duplicate, theme suggestions and
confirmations, and taking an item out of the public library."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.learning.models import (
    ItemTheme,
    LearningItem,
    ReviewType,
)

# A review's kind in CSPR and the library's type for it.
TYPE_OF_REVIEW_KIND = {
    "local_cspr": ReviewType.CSPR,
    "local_learning_review": ReviewType.LOCAL_LEARNING_REVIEW,
    "national_contribution": ReviewType.NATIONAL_REVIEW,
}


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


def _withdraw(item: LearningItem, *, by: User, reason: str) -> None:
    item.is_public = False
    item.withdrawn_at = timezone.now()
    item.version += 1
    item.save(update_fields=["is_public", "withdrawn_at", "version", "updated_at"])
    _audit(by, "learning_item.withdrawn", item, item.partnership_id, reason=reason)
