"""Completing, publishing and withdrawing an item of the library."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.learning.models import (
    AgeGroup,
    ConfirmedBy,
    LearningItem,
    Origin,
    Theme,
)

if TYPE_CHECKING:
    pass
from cspr.learning.fingerprints import fingerprint_of
from cspr.learning.services._shared import (
    _audit,
    _confirm_themes,
    _duplicate_of,
    _withdraw,
)

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


@transaction.atomic
def item_withdraw(*, item: LearningItem, by: User) -> LearningItem:
    """Take an item out of the public library (it is kept, and can be published again)."""
    item = _locked(item)
    if not item.is_public:
        raise DomainError("This item is not in the public library.")
    _withdraw(item, by=by, reason="withdrawn_by_business_unit")
    return item
