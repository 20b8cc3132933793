"""A learning product's states and the one table of allowed transitions: drafted, edited by the
business unit, approved by a safeguarding partner, published by the business unit, and
withdrawn from the public pages if need be. An approved or withdrawn product can go back to
draft to be changed (it must then be approved again)."""

from django.db import models

from cspr.core.errors import DomainError


class ProductState(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


TRANSITIONS: dict[str, tuple[tuple[ProductState, ...], ProductState | None]] = {
    "edit": ((ProductState.DRAFT,), None),
    "approve": ((ProductState.DRAFT,), ProductState.APPROVED),
    "publish": ((ProductState.APPROVED,), ProductState.PUBLISHED),
    "withdraw": ((ProductState.PUBLISHED,), ProductState.WITHDRAWN),
    "reopen": ((ProductState.APPROVED, ProductState.WITHDRAWN), ProductState.DRAFT),
    "record_delivery": ((ProductState.APPROVED, ProductState.PUBLISHED), None),
}

REFUSALS = {
    "edit": "Only a draft can be changed. Return it to draft first; it must then be approved "
    "again.",
    "approve": "Only a draft can be approved.",
    "publish": "A safeguarding partner must approve it before it is published.",
    "withdraw": "Only a published product can be withdrawn.",
    "reopen": "Only an approved or withdrawn product can go back to draft.",
    "record_delivery": "Deliveries are recorded once it is approved, and while it is published.",
}


def allowed(state: str, action: str) -> bool:
    return state in TRANSITIONS[action][0]


def refusal(state: str, action: str) -> str | None:
    return None if allowed(state, action) else REFUSALS[action]


def next_state(state: str, action: str) -> str:
    """The state after ``action``; refused with the table's message if it is not allowed."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        raise DomainError(REFUSALS[action])
    return state if target is None else str(target)
