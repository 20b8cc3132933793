"""An action plan's states and the one table of allowed transitions (ACTIONS).

The business unit drafts the plan: recommendations, their responses and their actions. Every
safeguarding partner signs it off; when the last one has, the plan is signed off and its actions
run. The partners later review its impact (as often as they decide) and close it once every
action is complete. A signed-off plan that must change goes back to draft, and is signed off
again.

An action's status is what its agency last reported; "overdue" is never stored: it is worked out
from the due date whenever it is shown (:func:`shown_status`).
"""

import datetime as dt

from django.db import models

from cspr.core.errors import DomainError


class PlanState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED_OFF = "signed_off", "Signed off"
    IMPACT_REVIEWED = "impact_reviewed", "Impact reviewed"
    CLOSED = "closed", "Closed"


# action -> (states it may start from, state it leads to; None keeps the state)
TRANSITIONS: dict[str, tuple[tuple[PlanState | None, ...], PlanState | None]] = {
    "start": ((None,), PlanState.DRAFT),
    "edit": ((PlanState.DRAFT,), None),
    "sign_off": ((PlanState.DRAFT,), None),
    "all_signed_off": ((PlanState.DRAFT,), PlanState.SIGNED_OFF),
    "reopen": ((PlanState.SIGNED_OFF,), PlanState.DRAFT),
    "record_update": (
        (PlanState.DRAFT, PlanState.SIGNED_OFF, PlanState.IMPACT_REVIEWED),
        None,
    ),
    "review_impact": (
        (PlanState.SIGNED_OFF, PlanState.IMPACT_REVIEWED),
        PlanState.IMPACT_REVIEWED,
    ),
    "close": ((PlanState.IMPACT_REVIEWED,), PlanState.CLOSED),
}

REFUSALS = {
    "start": "This case already has an action plan.",
    "edit": "The plan has been signed off, so its recommendations and actions can no longer "
    "change. The business unit can return it to draft; the partners then sign it off again.",
    "sign_off": "Only a draft plan can be signed off.",
    "all_signed_off": "Only a draft plan can be signed off.",
    "reopen": "Only a signed-off plan whose impact has not been reviewed can return to draft.",
    "record_update": "The plan is closed: nothing more can be recorded.",
    "review_impact": "The plan must be signed off by every safeguarding partner before its "
    "impact is reviewed.",
    "close": "The partners must review the plan's impact before it is closed.",
}


def allowed(state: str | None, action: str) -> bool:
    return state in TRANSITIONS[action][0]


def require(state: str | None, action: str) -> None:
    """Refuse an action the plan's state does not allow, with a message for the person."""
    if not allowed(state, action):
        raise DomainError(REFUSALS[action])


def next_state(state: str | None, action: str) -> str:
    require(state, action)
    target = TRANSITIONS[action][1]
    return str(state) if target is None else str(target)


class ActionStatus(models.TextChoices):
    """What the owning agency reports. "Overdue" is not one of them: it is derived."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    COMPLETE = "complete", "Complete"


OVERDUE = "overdue"
OVERDUE_LABEL = "Overdue"

# Every status a person sees, in the order of a filter: the reported ones and "Overdue".
SHOWN_STATUSES: tuple[tuple[str, str], ...] = (
    (ActionStatus.NOT_STARTED.value, ActionStatus.NOT_STARTED.label),
    (ActionStatus.ON_TRACK.value, ActionStatus.ON_TRACK.label),
    (ActionStatus.AT_RISK.value, ActionStatus.AT_RISK.label),
    (OVERDUE, OVERDUE_LABEL),
    (ActionStatus.COMPLETE.value, ActionStatus.COMPLETE.label),
)
SHOWN_LABELS = dict(SHOWN_STATUSES)
TAG_COLOURS = {
    ActionStatus.NOT_STARTED.value: "grey",
    ActionStatus.ON_TRACK.value: "blue",
    ActionStatus.AT_RISK.value: "yellow",
    OVERDUE: "red",
    ActionStatus.COMPLETE.value: "green",
}


def is_overdue(*, status: str, due_on: dt.date, today: dt.date) -> bool:
    """Past its due date and not complete (a deadline is met on the day itself)."""
    return status != ActionStatus.COMPLETE and due_on < today


def shown_status(*, status: str, due_on: dt.date, today: dt.date) -> str:
    """The status to show: "overdue" when it is, else what the agency reported."""
    return OVERDUE if is_overdue(status=status, due_on=due_on, today=today) else status
