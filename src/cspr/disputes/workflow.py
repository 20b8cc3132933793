"""A difference of opinion's states, its stages, and the one table of allowed transitions
(DISPUTE): discussion with the partners' representatives, then the safeguarding partners, then
mediation by the independent scrutineer; each stage ends with its outcome, and the dispute is
either resolved or escalated to the next stage. Nothing happens after resolution."""

from typing import NamedTuple

from django.db import models

from cspr.core.errors import DomainError


class DisputeState(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Stage(models.IntegerChoices):
    DISCUSSION = 1, "Discussion with the partners' representatives"
    PARTNERS = 2, "Escalated to the safeguarding partners"
    MEDIATION = 3, "Mediation by the independent scrutineer"


NOT_RAISED = 0  # the "stage" of a dispute that does not exist yet
FIRST_STAGE = Stage.DISCUSSION
LAST_STAGE = Stage.MEDIATION


class Transition(NamedTuple):
    states: tuple[DisputeState | None, ...]  # None: not raised yet
    stages: tuple[int, ...]  # the current stage it may start from
    to_state: DisputeState
    stage_step: int  # how many stages it moves on


TRANSITIONS: dict[str, Transition] = {
    "raise": Transition((None,), (NOT_RAISED,), DisputeState.OPEN, 1),
    "escalate": Transition(
        (DisputeState.OPEN,), (Stage.DISCUSSION, Stage.PARTNERS), DisputeState.OPEN, 1
    ),
    "resolve": Transition((DisputeState.OPEN,), tuple(Stage.values), DisputeState.RESOLVED, 0),
}

# Why an action is refused: when the dispute's state does not allow it, and when its stage
# does not.
STATE_REFUSALS = {
    "raise": "This difference of opinion has already been raised.",
    "escalate": "This difference of opinion has been resolved: nothing more can be recorded.",
    "resolve": "This difference of opinion has been resolved: nothing more can be recorded.",
}
STAGE_REFUSALS = {
    "raise": "This difference of opinion has already been raised.",
    "escalate": "Mediation by the independent scrutineer is the last stage. Record its outcome "
    "and resolve the difference of opinion.",
    "resolve": "This difference of opinion has no stage running.",
}


class Position(NamedTuple):
    state: DisputeState
    stage: int


def refusal(state: str | None, stage: int, action: str) -> str | None:
    """The message refusing ``action`` from this state and stage, or None if it is allowed."""
    transition = TRANSITIONS[action]
    if state not in transition.states:
        return STATE_REFUSALS[action]
    if stage not in transition.stages:
        return STAGE_REFUSALS[action]
    return None


def allowed(state: str | None, stage: int, action: str) -> bool:
    return refusal(state, stage, action) is None


def require(state: str | None, stage: int, action: str) -> None:
    """Refuse an action the dispute's state or stage does not allow, with a message."""
    message = refusal(state, stage, action)
    if message is not None:
        raise DomainError(message)


def next_position(state: str | None, stage: int, action: str) -> Position:
    """The state and current stage after ``action``."""
    require(state, stage, action)
    transition = TRANSITIONS[action]
    return Position(transition.to_state, stage + transition.stage_step)
