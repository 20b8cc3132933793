"""Fixtures for documents: time frozen to Monday 2 March 2026 (tests/fixtures/cases.py), the
business unit, and a review whose report is ready to be marked final once its documents
are."""

import datetime as dt

import pytest

from cspr.accounts.models import User
from cspr.cases.models import ChildIdentity
from cspr.reviews.models import Review
from cspr.reviews.services import participant_add, terms_approve, terms_draft
from tests.conftest import PartnershipWorld

SIBLINGS = "Leo Testchild, aged 4, lives with his father"


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


@pytest.fixture
def bu(world: PartnershipWorld) -> User:
    return world.person("business_unit")


@pytest.fixture
def ready_review(cspr: Review, bu: User, partners: dict[str, User]) -> Review:
    """The local CSPR with its terms of reference approved by every partner and the family
    invited: what the reviews app needs before the report can be marked final."""
    terms = terms_draft(
        review=cspr,
        by=bu,
        scope_from=dt.date(2025, 9, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation.",
        agencies=[],
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    participant_add(
        review=cspr,
        by=bu,
        values={
            "kind": "family",
            "name": "Jade Testparent",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "invited",
            "how_views_gathered": "",
        },
    )
    cspr.refresh_from_db()
    return cspr


@pytest.fixture
def with_siblings(cspr: Review) -> Review:
    """The child's record names a brother."""
    ChildIdentity.objects.filter(case=cspr.case).update(siblings=SIBLINGS)
    return cspr
