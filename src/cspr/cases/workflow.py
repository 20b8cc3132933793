"""The case's states and the one table of allowed transitions (DESIGN.md: the case's journey)."""

from django.db import models

from cspr.core.errors import DomainError


class CaseState(models.TextChoices):
    REFERRED = "referred", "Referred: to triage"
    AWAITING_NOTIFICATION = "awaiting_notification", "Notification due"
    NOTIFIED = "notified", "Notified"
    RAPID_REVIEW = "rapid_review", "Rapid Review"
    DECIDED = "decided", "Outcome decided"
    UNDER_REVIEW = "under_review", "Review under way"
    LEARNING_REVIEW = "learning_review", "Local learning review"
    CLOSED = "closed", "Closed"


OPEN_STATES = (
    CaseState.REFERRED,
    CaseState.AWAITING_NOTIFICATION,
    CaseState.NOTIFIED,
    CaseState.RAPID_REVIEW,
    CaseState.DECIDED,
    CaseState.UNDER_REVIEW,
)

# action -> (states it may start from, state it leads to; None keeps the state)
TRANSITIONS: dict[str, tuple[tuple[CaseState, ...], CaseState | None]] = {
    "triage_as_notifiable": ((CaseState.REFERRED,), CaseState.AWAITING_NOTIFICATION),
    "triage_and_close": ((CaseState.REFERRED,), CaseState.CLOSED),
    "triage_as_learning_review": ((CaseState.REFERRED,), CaseState.LEARNING_REVIEW),
    "record_notification": (
        (CaseState.AWAITING_NOTIFICATION, CaseState.NOTIFIED),
        None,
    ),
    "complete_notifications": ((CaseState.AWAITING_NOTIFICATION,), CaseState.NOTIFIED),
    "close": ((CaseState.NOTIFIED,), CaseState.CLOSED),
    "start_rapid_review": ((CaseState.NOTIFIED,), CaseState.RAPID_REVIEW),
    "record_outcome": ((CaseState.RAPID_REVIEW,), CaseState.DECIDED),
    "reopen_outcome": ((CaseState.DECIDED,), CaseState.RAPID_REVIEW),
    "open_review": ((CaseState.DECIDED,), CaseState.UNDER_REVIEW),
}

REFUSALS = {
    "triage_as_notifiable": "This case has already been triaged.",
    "triage_and_close": "This case has already been triaged.",
    "triage_as_learning_review": "This case has already been triaged.",
    "record_notification": "Notifications are recorded after triage decides they are needed.",
    "complete_notifications": "The notifications are already complete.",
    "close": "Only a notified case can be closed this way.",
    "start_rapid_review": "A Rapid Review starts from a notified case that does not have one.",
    "record_outcome": "The outcome is decided during the Rapid Review.",
    "reopen_outcome": "Only a decided outcome can be reopened.",
    "open_review": "A review is opened once the partners have decided the outcome, and only once.",
}


def allowed(state: str, action: str) -> bool:
    sources, _ = TRANSITIONS[action]
    return state in sources


def require(state: str, action: str) -> None:
    """Refuse an action the case's state does not allow, with a message for the user."""
    if not allowed(state, action):
        raise DomainError(REFUSALS[action])


def next_state(state: str, action: str) -> str:
    require(state, action)
    target = TRANSITIONS[action][1]
    return state if target is None else target.value
