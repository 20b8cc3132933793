"""Raising a difference of opinion (DISPUTE): by any agency's representative, dated, audited,
and the business unit told by e-mail after commit, without the child's name."""

import pytest
from django.core import mail

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.disputes.models import Dispute, DisputeSubject
from cspr.disputes.services import dispute_raise
from cspr.disputes.workflow import DisputeState, Stage
from tests.conftest import PartnershipWorld
from tests.disputes.conftest import SUMMARY, TODAY
from tests.factories import AgencyFactory
from tests.fixtures.cases import CHILD_NAME


def test_an_agency_lead_raises_a_dispute_and_its_first_stage_starts_today(
    make_dispute, world: PartnershipWorld
) -> None:
    """DISPUTE: raised by an agency's representative; the first stage is dated."""
    dispute = make_dispute()
    assert dispute.state == DisputeState.OPEN
    assert dispute.raised_by == world.person("agency_lead")
    assert dispute.raised_for_agency == world.person("agency_lead").memberships.get().agency
    assert dispute.summary == SUMMARY
    [stage] = dispute.stages.all()
    assert (stage.stage, stage.started_on, stage.ended_on) == (Stage.DISCUSSION, TODAY, None)


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner"])
def test_the_business_unit_and_partners_may_raise_without_naming_an_agency(
    world: PartnershipWorld, case, role: str
) -> None:
    dispute = dispute_raise(
        case=case,
        by=world.person(role),
        agency=None,
        subject=DisputeSubject.RAPID_REVIEW_RECOMMENDATION,
        summary="The recommendation understates the police's involvement.",
    )
    assert dispute.raised_for_agency is None


def test_an_agency_lead_must_raise_it_for_their_own_agency(
    make_dispute, world: PartnershipWorld
) -> None:
    someone_elses = AgencyFactory(partnership=world.partnership)
    with pytest.raises(DomainError, match="Choose the agency you represent") as refused:
        make_dispute(agency=someone_elses)
    assert refused.value.field == "agency"
    with pytest.raises(DomainError, match="Choose the agency you represent"):
        make_dispute(agency=None)
    assert not Dispute.objects.exists()


def test_an_agency_of_another_partnership_is_refused(
    make_dispute, other_world: PartnershipWorld, world: PartnershipWorld, case
) -> None:
    theirs = other_world.partnership.agencies.get()
    with pytest.raises(DomainError, match="agency of this partnership"):
        dispute_raise(
            case=case,
            by=world.person("business_unit"),
            agency=theirs,
            subject=DisputeSubject.OTHER,
            summary="x",
        )


def test_a_dispute_needs_its_summary_and_a_known_subject(make_dispute) -> None:
    with pytest.raises(DomainError, match="Enter what the difference of opinion is") as refused:
        make_dispute(summary="   ")
    assert refused.value.field == "summary"
    with pytest.raises(DomainError, match="Select what the difference") as refused:
        make_dispute(subject="the weather")
    assert refused.value.field == "subject"


def test_raising_is_audited_with_ids_only(make_dispute, world: PartnershipWorld) -> None:
    dispute = make_dispute()
    event = AuditEvent.objects.get(verb="dispute.raised")
    assert event.object_id == str(dispute.pk)
    assert event.actor == world.person("agency_lead")
    assert event.partnership_id == world.partnership.pk
    assert event.data["case"] == dispute.case_id
    assert SUMMARY not in str(event.data)


def test_the_business_unit_is_emailed_after_commit_without_the_childs_name(
    make_dispute, world: PartnershipWorld, django_capture_on_commit_callbacks
) -> None:
    """DISPUTE: the business unit arranges the first stage's discussion."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dispute = make_dispute()
    assert mail.outbox == []  # nothing is sent before the change is committed
    for callback in callbacks:
        callback()
    [email] = mail.outbox
    assert email.to == [world.person("business_unit").email]
    body = email.subject + email.body
    assert dispute.case.reference in body
    assert dispute.case.pseudonym in body
    assert f"/disputes/{dispute.pk}/" in email.body
    assert CHILD_NAME not in body
    assert SUMMARY not in body
