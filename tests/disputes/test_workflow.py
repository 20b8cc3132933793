"""The one table of allowed transitions for a difference of opinion (DISPUTE)."""

import pytest

from cspr.core.errors import DomainError
from cspr.disputes import workflow
from cspr.disputes.workflow import NOT_RAISED, DisputeState, Stage

OPEN, RESOLVED = DisputeState.OPEN, DisputeState.RESOLVED


def test_raising_opens_the_first_stage() -> None:
    """DISPUTE: the first stage is a discussion with the partners' representatives."""
    assert workflow.next_position(None, NOT_RAISED, "raise") == (OPEN, Stage.DISCUSSION)


def test_the_stages_are_in_the_order_of_the_rule() -> None:
    """DISPUTE: partners' representatives, then the safeguarding partners, then mediation."""
    assert [s.label for s in Stage] == [
        "Discussion with the partners' representatives",
        "Escalated to the safeguarding partners",
        "Mediation by the independent scrutineer",
    ]


@pytest.mark.parametrize(("stage", "reached"), [(1, 2), (2, 3)])
def test_escalating_moves_to_the_next_stage(stage: int, reached: int) -> None:
    assert workflow.next_position(OPEN, stage, "escalate") == (OPEN, reached)


def test_escalating_past_mediation_is_refused() -> None:
    """DISPUTE: mediation by the independent scrutineer is the last stage."""
    with pytest.raises(DomainError, match="Mediation by the independent scrutineer is the last"):
        workflow.require(OPEN, Stage.MEDIATION, "escalate")


@pytest.mark.parametrize("stage", list(Stage))
def test_any_stage_can_end_in_resolution(stage: Stage) -> None:
    assert workflow.next_position(OPEN, stage, "resolve") == (RESOLVED, stage)


@pytest.mark.parametrize("action", ["raise", "escalate", "resolve"])
@pytest.mark.parametrize("stage", list(Stage))
def test_nothing_happens_after_resolution(action: str, stage: Stage) -> None:
    assert not workflow.allowed(RESOLVED, stage, action)


def test_a_dispute_is_raised_only_once() -> None:
    with pytest.raises(DomainError, match="already been raised"):
        workflow.require(OPEN, Stage.DISCUSSION, "raise")
