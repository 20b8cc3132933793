"""Who may see and act on learning products (need to know, default deny).

``briefings.view`` and ``briefings.manage`` take the review (the list of a review's products,
drafting one); ``briefings.view_product``, ``briefings.edit``, ``briefings.approve`` take
the product. The business unit drafts, edits, publishes and records deliveries; a safeguarding
partner approves, and not the text they last changed themselves (the service says why); the
commissioned reviewer may read them. Published products are public pages and need none."""

from typing import Any

import rules

from cspr.briefings.models import LearningProduct
from cspr.reviews.permissions import can_view_review, is_partner, runs


def _review(product: LearningProduct | None) -> Any:
    return product.review if product is not None else None


@rules.predicate
def sees_the_review_of(user: Any, product: LearningProduct | None) -> bool:
    return product is not None and bool(can_view_review(user, _review(product)))


@rules.predicate
def runs_the_review_of(user: Any, product: LearningProduct | None) -> bool:
    return product is not None and bool(runs(user, _review(product)))


@rules.predicate
def partners_the_review_of(user: Any, product: LearningProduct | None) -> bool:
    return product is not None and bool(is_partner(user, _review(product)))


can_view_products = can_view_review
can_manage_products = runs
can_view_product = sees_the_review_of
can_edit_product = runs_the_review_of
can_approve_product = partners_the_review_of

rules.add_perm("briefings.view", can_view_products)
rules.add_perm("briefings.manage", can_manage_products)
rules.add_perm("briefings.view_product", can_view_product)
rules.add_perm("briefings.edit", can_edit_product)
rules.add_perm("briefings.approve", can_approve_product)
