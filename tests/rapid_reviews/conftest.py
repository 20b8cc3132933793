import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from cspr.accounts.models import User
from cspr.cases.models import Case
from cspr.cases.services import case_triage, notification_record
from cspr.partnerships.models import Agency, Role, StatutoryPartner
from cspr.rapid_reviews.models import Invitation, RapidReview
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from tests.cases.conftest import frozen_today, make_case  # noqa: F401
from tests.conftest import PartnershipWorld
from tests.factories import AgencyFactory, MembershipFactory, UserFactory


@pytest.fixture
def notified_case(make_case: Callable[..., Case], world: PartnershipWorld) -> Case:  # noqa: F811
    """A serious harm case, triaged and notified to the Panel on Friday 27 February 2026."""
    case = make_case()
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome="notify", reason="Unexplained injuries.")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    return case


@pytest.fixture
def review(notified_case: Case, world: PartnershipWorld) -> RapidReview:
    return rapid_review_start(case=notified_case, by=world.person("business_unit"))


@pytest.fixture
def health(world: PartnershipWorld) -> tuple[Agency, User]:
    """A second agency, with its own lead."""
    agency = AgencyFactory(partnership=world.partnership, name="Testshire Hospital")
    lead = UserFactory(full_name="Health Lead")
    MembershipFactory(
        user=lead, partnership=world.partnership, role=Role.AGENCY_LEAD, agency=agency
    )
    return agency, lead


@pytest.fixture
def invite(world: PartnershipWorld, review: RapidReview) -> Callable[[Agency], Invitation]:
    def make(agency: Agency) -> Invitation:
        return agency_invite(rapid_review=review, by=world.person("business_unit"), agency=agency)

    return make


@pytest.fixture
def school(world: PartnershipWorld) -> Agency:
    """The agency of the world's agency lead (who referred the case)."""
    return world.person("agency_lead").memberships.get().agency


@pytest.fixture
def partners(world: PartnershipWorld) -> dict[str, User]:
    """One representative of each statutory partner (the world has the local authority's)."""
    people = {StatutoryPartner.LOCAL_AUTHORITY.value: world.person("safeguarding_partner")}
    for partner in (StatutoryPartner.INTEGRATED_CARE_BOARD, StatutoryPartner.POLICE):
        user = UserFactory(full_name=f"{partner.label} representative")
        MembershipFactory(
            user=user,
            partnership=world.partnership,
            role=Role.SAFEGUARDING_PARTNER,
            statutory_partner=partner,
        )
        people[partner.value] = user
    return people


def complete_return_values(**overrides: Any) -> dict[str, Any]:
    return {
        "author_name": "Sam Writer",
        "author_role": "Designated safeguarding lead",
        "safeguarding_lead": "Lee Lead",
        "signed_off": True,
        "known_to_agency": "yes",
        "involvement_period": "September 2025 to the incident",
        "involvement": "Attendance and welfare checks.",
        "strengths": "Good recording.",
        "concerns": "A missed referral in January.",
        "actions_taken": "Records secured.",
        "learning": "Escalation of attendance concerns.",
        "criteria_view": "met",
        "criteria_comment": "",
        "records_secured": "yes",
        **overrides,
    }
