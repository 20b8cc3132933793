"""Who may manage a partnership's part of the learning library (default deny). Reading the
public library needs no permission: it shows only what was published to it.

The business unit uploads files, completes and publishes items, and withdraws them, for its own
partnership only: items and batches are checked against the partnership they belong to. Items
imported for the whole library (no partnership) are changed only by importing again."""

from typing import Any

import rules

from cspr.learning.models import LearningItem, UploadBatch
from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role
from cspr.partnerships.selectors import memberships_of


def _is_business_unit_of(user: Any, partnership_id: int | None) -> bool:
    return partnership_id is not None and any(
        m.role == Role.BUSINESS_UNIT and m.partnership_id == partnership_id
        for m in memberships_of(user)
    )


@rules.predicate
def is_business_unit_of_item(user: Any, item: LearningItem | None) -> bool:
    return item is not None and _is_business_unit_of(user, item.partnership_id)


@rules.predicate
def is_business_unit_of_batch(user: Any, batch: UploadBatch | None) -> bool:
    return batch is not None and _is_business_unit_of(user, batch.partnership_id)


can_manage_library = has_role(Role.BUSINESS_UNIT)
can_change_item = is_business_unit_of_item
can_view_batch = is_business_unit_of_batch

rules.add_perm("learning.manage_library", can_manage_library)
rules.add_perm("learning.change_item", can_change_item)
rules.add_perm("learning.view_batch", can_view_batch)
