"""A review's states and the one table of allowed transitions."""

from django.db import models

from cspr.core.errors import DomainError


class ReviewState(models.TextChoices):
    OPEN = "open", "Under way"
    REPORT_FINAL = "report_final", "Final report"
    READY_TO_PUBLISH = "ready_to_publish", "Ready to publish"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published: improvements information published"


TRANSITIONS: dict[str, tuple[tuple[ReviewState, ...], ReviewState | None]] = {
    "edit": ((ReviewState.OPEN,), None),
    "commission_reviewer": ((ReviewState.OPEN, ReviewState.REPORT_FINAL), None),
    "mark_report_final": ((ReviewState.OPEN,), ReviewState.REPORT_FINAL),
    "reopen_report": ((ReviewState.REPORT_FINAL,), ReviewState.OPEN),
    "clear_for_publication": ((ReviewState.REPORT_FINAL,), ReviewState.READY_TO_PUBLISH),
    "publish": ((ReviewState.READY_TO_PUBLISH,), ReviewState.PUBLISHED),
    "decide_not_to_publish": ((ReviewState.READY_TO_PUBLISH,), ReviewState.NOT_PUBLISHED),
}

REFUSALS = {
    "edit": "The review's record can be changed only while the review is under way.",
    "commission_reviewer": "Reviewers are commissioned while the review is under way.",
    "mark_report_final": "Only a review under way can have its report marked final.",
    "reopen_report": "Only a final report can be reopened.",
    "clear_for_publication": "Mark the report final first.",
    "publish": "The report must be cleared for publication first.",
    "decide_not_to_publish": "The report must be cleared for publication first.",
}


def allowed(state: str, action: str) -> bool:
    return state in TRANSITIONS[action][0]


def next_state(state: str, action: str) -> str:
    sources, target = TRANSITIONS[action]
    if state not in sources:
        raise DomainError(REFUSALS[action])
    return state if target is None else str(target)
