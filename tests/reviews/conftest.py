"""Fixtures for reviews: a case whose Rapid Review the partners decided (a local CSPR), and the
review opened from it. Time is frozen to Monday 2 March 2026 (tests/cases/conftest.py)."""

import datetime as dt

import pytest

from cspr.accounts.models import User
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.models import RapidReview
from cspr.rapid_reviews.services.decisions import partner_decide, rapid_review_send_to_partners
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.reviews.models import Commission, Review
from cspr.reviews.services import review_open, reviewer_commission
from tests.conftest import PartnershipWorld
from tests.rapid_reviews.conftest import (  # noqa: F401
    frozen_today,
    health,
    invite,
    make_case,
    notified_case,
    partners,
    review,
    school,
)

MEETING = {
    "meeting_date": dt.date(2026, 3, 2),
    "attendees": "The CSPR group",
    "facts": "As known.",
    "immediate_action": "Siblings safe.",
    "improvements": "Some.",
    "next_steps": "A review.",
    "learning_identified": "Escalation.",
    "recommended_outcome": "local_cspr",
    "rationale": "Two agencies did not work together.",
    "missing_returns_reason": "Decided on the verbal summaries.",
}


@pytest.fixture
def decided_review(
    review: RapidReview,
    invite,
    school: Agency,
    world: PartnershipWorld,  # noqa: F811
    partners: dict[str, User],
) -> RapidReview:  # noqa: F811
    """A Rapid Review the three partners confirmed: a local CSPR, decided on 2 March 2026."""
    bu = world.person("business_unit")
    invite(school)
    review = meeting_record(
        rapid_review=review, by=bu, values=MEETING, criteria={}, expected_version=review.version
    )
    review = rapid_review_send_to_partners(rapid_review=review, by=bu)
    for partner, person in partners.items():
        partner_decide(
            rapid_review=review, by=person, statutory_partner=partner, choice="confirm", comment=""
        )
    review.refresh_from_db()
    return review


@pytest.fixture
def cspr(decided_review: RapidReview, world: PartnershipWorld) -> Review:
    """The local CSPR opened from the decided case (CSPR-COMPLETE: 2 September 2026)."""
    return review_open(
        case=decided_review.case,
        by=world.person("business_unit"),
        kind="local_cspr",
        methodology="systems",
    )


@pytest.fixture
def commission(cspr: Review, world: PartnershipWorld) -> Commission:
    """The world's reviewer, commissioned from 2 March to 31 August 2026."""
    return reviewer_commission(
        review=cspr,
        by=world.person("business_unit"),
        reviewer=world.person("reviewer"),
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 8, 31),
    )
