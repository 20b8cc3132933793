"""Closing a stage of a difference of opinion (DISPUTE): each stage dated with its outcome, then
resolved or escalated in order; partners and the independent scrutineer told by e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError, StaleEdit
from cspr.disputes.models import DisputeStage
from cspr.disputes.services import dispute_stage_close
from cspr.disputes.workflow import DisputeState, Stage
from tests.conftest import PartnershipWorld
from tests.disputes.conftest import TODAY
from tests.fixtures.cases import CHILD_NAME

MEDIATED = "Mediated: a local learning review instead."


def close(world: PartnershipWorld, dispute, **values):
    defaults = {"by": world.person("business_unit"), "outcome": "Agreed.", "resolve": True}
    return dispute_stage_close(dispute=dispute, **{**defaults, **values})


def test_the_stages_walk_in_order_with_their_dates_and_outcomes(
    make_dispute, escalate, world: PartnershipWorld, frozen_today
) -> None:
    """DISPUTE: discussion, then the safeguarding partners, then mediation; each stage dated
    with its outcome."""
    dispute = make_dispute()
    frozen_today.move_to(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC))
    escalate(dispute, dt.date(2026, 3, 6), "Representatives could not agree.")
    escalate(dispute, dt.date(2026, 3, 13), "Partners split two to one.")
    resolved = dispute_stage_close(
        dispute=dispute,
        by=world.person("independent_scrutineer"),
        outcome=MEDIATED,
        ended_on=dt.date(2026, 3, 19),
        resolve=True,
        resolution="The partners agreed to a local learning review.",
    )
    rows = list(dispute.stages.values_list("stage", "started_on", "ended_on", "outcome"))
    assert rows == [
        (1, TODAY, dt.date(2026, 3, 6), "Representatives could not agree."),
        (2, dt.date(2026, 3, 6), dt.date(2026, 3, 13), "Partners split two to one."),
        (
            3,
            dt.date(2026, 3, 13),
            dt.date(2026, 3, 19),
            "Mediated: a local learning review instead.",
        ),
    ]
    assert resolved.state == DisputeState.RESOLVED
    assert resolved.resolved_on == dt.date(2026, 3, 19)
    assert resolved.resolution == "The partners agreed to a local learning review."
    assert DisputeStage.objects.filter(recorded_by__isnull=True).count() == 0


def test_resolving_at_the_first_stage_takes_the_outcome_as_the_resolution(
    make_dispute, world: PartnershipWorld
) -> None:
    dispute = close(
        world, make_dispute(), outcome="Triage decision explained and accepted.", ended_on=TODAY
    )
    assert dispute.state == DisputeState.RESOLVED
    assert dispute.resolution == "Triage decision explained and accepted."
    assert dispute.stages.count() == 1


def test_escalating_past_mediation_by_the_scrutineer_is_refused(
    make_dispute, escalate, world: PartnershipWorld
) -> None:
    """DISPUTE: mediation by the independent scrutineer is the last stage."""
    dispute = make_dispute()
    escalate(dispute)
    escalate(dispute)
    with pytest.raises(DomainError, match="Mediation by the independent scrutineer is the last"):
        close(world, dispute, resolve=False, ended_on=TODAY)
    assert dispute.stages.get(stage=Stage.MEDIATION).ended_on is None


@pytest.mark.parametrize("resolve", [True, False])
def test_nothing_can_be_recorded_after_resolution(
    make_dispute, world: PartnershipWorld, resolve: bool
) -> None:
    """DISPUTE: a resolved difference of opinion is closed."""
    dispute = close(world, make_dispute(), ended_on=TODAY)
    with pytest.raises(DomainError, match="has been resolved"):
        close(world, dispute, ended_on=TODAY, resolve=resolve)
    assert dispute.stages.count() == 1


def test_a_stage_cannot_end_in_the_future(make_dispute, world: PartnershipWorld) -> None:
    with pytest.raises(DomainError, match="must be today or in the past") as refused:
        close(world, make_dispute(), ended_on=TODAY + dt.timedelta(days=1))
    assert refused.value.field == "ended_on"


def test_a_stage_cannot_end_before_it_started(
    make_dispute, escalate, world: PartnershipWorld, frozen_today
) -> None:
    dispute = make_dispute()
    frozen_today.move_to(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC))
    escalate(dispute, dt.date(2026, 3, 10))
    with pytest.raises(
        DomainError, match=r"after the date it started \(10 March 2026\)"
    ) as refused:
        close(world, dispute, ended_on=dt.date(2026, 3, 9))
    assert refused.value.field == "ended_on"


def test_a_stage_needs_its_outcome(make_dispute, world: PartnershipWorld) -> None:
    with pytest.raises(DomainError, match="Enter the outcome of this stage") as refused:
        close(world, make_dispute(), ended_on=TODAY, outcome=" ")
    assert refused.value.field == "outcome"


def test_a_close_based_on_an_old_page_is_refused(
    make_dispute, escalate, world: PartnershipWorld
) -> None:
    dispute = make_dispute()
    seen = dispute.version
    escalate(dispute)
    with pytest.raises(StaleEdit):
        close(world, dispute, ended_on=TODAY, expected_version=seen)
    assert dispute.stages.get(stage=Stage.PARTNERS).ended_on is None


def test_the_database_refuses_a_stage_ending_before_it_started_or_twice(make_dispute) -> None:
    dispute = make_dispute()
    stage = dispute.stages.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        DisputeStage.objects.filter(pk=stage.pk).update(
            ended_on=TODAY - dt.timedelta(days=1), recorded_by=dispute.raised_by
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DisputeStage.objects.create(dispute=dispute, stage=Stage.DISCUSSION, started_on=TODAY)


def test_escalating_and_resolving_are_audited(
    make_dispute, escalate, world: PartnershipWorld
) -> None:
    dispute = make_dispute()
    escalate(dispute, outcome="Representatives could not agree.")
    close(world, dispute, ended_on=TODAY)
    escalated = AuditEvent.objects.get(verb="dispute.escalated")
    resolved = AuditEvent.objects.get(verb="dispute.resolved")
    assert escalated.data["stage"] == 1
    assert escalated.data["to_stage"] == 2
    assert resolved.data["stage"] == 2
    assert resolved.actor == world.person("business_unit")
    assert "could not agree" not in str(escalated.data)
    assert {escalated.object_id, resolved.object_id} == {str(dispute.pk)}


@pytest.mark.parametrize("told", [(1, "safeguarding_partner"), (2, "independent_scrutineer")])
def test_escalation_emails_the_next_stage_after_commit_without_the_childs_name(
    make_dispute,
    escalate,
    world: PartnershipWorld,
    django_capture_on_commit_callbacks,
    told: tuple[int, str],
) -> None:
    """DISPUTE: the safeguarding partners are told at stage 2, the scrutineer at stage 3."""
    escalations, role = told
    dispute = make_dispute()
    for _ in range(escalations - 1):
        escalate(dispute)
    with django_capture_on_commit_callbacks(execute=True):
        escalate(dispute)
    [email] = mail.outbox
    assert email.to == [world.person(role).email]
    assert dispute.case.reference in email.subject
    assert dispute.case.pseudonym in email.body
    assert f"/disputes/{dispute.pk}/" in email.body
    assert CHILD_NAME not in email.subject + email.body


def test_resolving_sends_no_email(
    make_dispute, world: PartnershipWorld, django_capture_on_commit_callbacks
) -> None:
    dispute = make_dispute()
    with django_capture_on_commit_callbacks(execute=True):
        close(world, dispute, ended_on=TODAY)
    assert mail.outbox == []
