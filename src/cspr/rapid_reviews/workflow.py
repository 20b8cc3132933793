"""The Rapid Review's states and scoping returns' states, each with the one table of allowed
transitions."""

from django.db import models

from cspr.core.errors import DomainError


class ReviewState(models.TextChoices):
    GATHERING = "gathering", "Gathering scoping returns"
    RECOMMENDED = "recommended", "Recommendation recorded"
    WITH_PARTNERS = "with_partners", "With the safeguarding partners"
    DECIDED = "decided", "Decided by the partners"
    SENT_TO_PANEL = "sent_to_panel", "Sent to the Panel"
    PANEL_RESPONDED = "panel_responded", "The Panel has responded"


class ReturnState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"


# action -> (states it may start from, state it leads to; None keeps the state)
REVIEW_TRANSITIONS: dict[str, tuple[tuple[ReviewState, ...], ReviewState | None]] = {
    "invite_agency": ((ReviewState.GATHERING, ReviewState.RECOMMENDED), None),
    "record_meeting": ((ReviewState.GATHERING, ReviewState.RECOMMENDED), ReviewState.RECOMMENDED),
    "send_to_partners": ((ReviewState.RECOMMENDED,), ReviewState.WITH_PARTNERS),
    "partner_confirm": ((ReviewState.WITH_PARTNERS,), None),
    "all_partners_confirmed": ((ReviewState.WITH_PARTNERS,), ReviewState.DECIDED),
    "partner_challenge": ((ReviewState.WITH_PARTNERS,), ReviewState.RECOMMENDED),
    "record_lateness": (
        (
            ReviewState.GATHERING,
            ReviewState.RECOMMENDED,
            ReviewState.WITH_PARTNERS,
            ReviewState.DECIDED,
        ),
        None,
    ),
    "send_to_panel": ((ReviewState.DECIDED,), ReviewState.SENT_TO_PANEL),
    "record_panel_response": ((ReviewState.SENT_TO_PANEL,), ReviewState.PANEL_RESPONDED),
}

REVIEW_REFUSALS = {
    "invite_agency": "Agencies can be invited only until the recommendation goes to the partners.",
    "record_meeting": "The recommendation can be changed only before it goes to the partners.",
    "send_to_partners": "Record the meeting and the recommendation first.",
    "partner_confirm": "The recommendation is not waiting for the partners' decision.",
    "all_partners_confirmed": "The recommendation is not waiting for the partners' decision.",
    "partner_challenge": "The recommendation is not waiting for the partners' decision.",
    "record_lateness": "The Rapid Review has already been sent to the Panel.",
    "send_to_panel": "The Rapid Review can be sent once every safeguarding partner has confirmed.",
    "record_panel_response": "Record the date the Rapid Review was sent to the Panel first.",
}

RETURN_TRANSITIONS: dict[str, tuple[tuple[ReturnState, ...], ReturnState | None]] = {
    "save_draft": ((ReturnState.DRAFT, ReturnState.RETURNED), None),
    "submit": ((ReturnState.DRAFT, ReturnState.RETURNED), ReturnState.SUBMITTED),
    "send_back": ((ReturnState.SUBMITTED,), ReturnState.RETURNED),
}

RETURN_REFUSALS = {
    "save_draft": "This scoping return has been submitted and is locked.",
    "submit": "This scoping return has already been submitted.",
    "send_back": "Only a submitted scoping return can be returned for changes.",
}


def _check(
    table: dict[str, tuple[tuple[str, ...], str | None]],
    refusals: dict[str, str],
    state: str,
    action: str,
) -> str:
    sources, target = table[action]
    if state not in sources:
        raise DomainError(refusals[action])
    return state if target is None else str(target)


def review_allowed(state: str, action: str) -> bool:
    return state in REVIEW_TRANSITIONS[action][0]


def review_next(state: str, action: str) -> str:
    """The review's state after ``action``; refuses an action its state does not allow."""
    return _check(REVIEW_TRANSITIONS, REVIEW_REFUSALS, state, action)  # type: ignore[arg-type]


def return_allowed(state: str, action: str) -> bool:
    return state in RETURN_TRANSITIONS[action][0]


def return_next(state: str, action: str) -> str:
    return _check(RETURN_TRANSITIONS, RETURN_REFUSALS, state, action)  # type: ignore[arg-type]
