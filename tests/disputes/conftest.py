"""Fixtures for differences of opinion (DISPUTE): a case referred by the agency lead's agency
(time frozen to Monday 2 March 2026, see ``tests/cases/conftest.py``), and disputes on it."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from cspr.cases.models import Case
from cspr.disputes.models import Dispute, DisputeSubject
from cspr.disputes.services import dispute_raise, dispute_stage_close
from tests.conftest import PartnershipWorld

TODAY = dt.date(2026, 3, 2)
SUMMARY = "We think the incident meets the criteria for a local review; triage closed it."


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    return make_case()


@pytest.fixture
def make_dispute(world: PartnershipWorld, case: Case) -> Callable[..., Dispute]:
    """A dispute raised by the agency lead, for their agency, on ``case`` (or another case)."""

    def make(on: Case | None = None, **overrides: Any) -> Dispute:
        lead = world.person("agency_lead")
        values: dict[str, Any] = {
            "case": on or case,
            "by": lead,
            "agency": lead.memberships.get().agency,
            "subject": DisputeSubject.TRIAGE,
            "summary": SUMMARY,
            **overrides,
        }
        return dispute_raise(**values)

    return make


@pytest.fixture
def escalate(world: PartnershipWorld) -> Callable[..., Dispute]:
    """Close the current stage on ``ended_on`` and escalate to the next one (as the BU)."""

    def run(dispute: Dispute, ended_on: dt.date = TODAY, outcome: str = "Not agreed.") -> Dispute:
        return dispute_stage_close(
            dispute=dispute,
            by=world.person("business_unit"),
            outcome=outcome,
            ended_on=ended_on,
            resolve=False,
        )

    return run


def dispute_page(dispute: Dispute, name: str = "disputes:detail") -> str:
    return reverse(
        name,
        kwargs={"partnership_slug": dispute.case.partnership.slug, "dispute_id": dispute.pk},
    )


def raise_page(case: Case) -> str:
    return reverse(
        "disputes:raise",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today
