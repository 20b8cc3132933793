"""The same records the shared fixtures build (``commission``: a case under review with its
decided Rapid Review and a commissioned reviewer), for any partnership, so that tests can hold
two partnerships with the same shape and swap their ids (tests/security/test_idor.py)."""

import datetime as dt

from cspr.cases.services import case_refer, case_triage, notification_record
from cspr.partnerships.models import Role, StatutoryPartner
from cspr.rapid_reviews.services.decisions import partner_decide, rapid_review_send_to_partners
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from cspr.reviews.models import Commission
from cspr.reviews.services import review_open, reviewer_commission
from tests.conftest import PartnershipWorld
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.cases import case_values, identity_values
from tests.fixtures.reviews import MEETING


def add_partners(world: PartnershipWorld) -> dict[str, object]:
    """The integrated care board's and the police's representatives, beside the world's local
    authority one (as the ``partners`` fixture does)."""
    people: dict[str, object] = {
        StatutoryPartner.LOCAL_AUTHORITY.value: world.person("safeguarding_partner")
    }
    for partner in (StatutoryPartner.INTEGRATED_CARE_BOARD, StatutoryPartner.POLICE):
        user = UserFactory(full_name=f"{partner.label} of {world.partnership.slug}")
        MembershipFactory(
            user=user,
            partnership=world.partnership,
            role=Role.SAFEGUARDING_PARTNER,
            statutory_partner=partner,
        )
        people[partner.value] = user
    return people


def case_under_review(world: PartnershipWorld) -> Commission:
    """Referred by the agency lead, triaged and notified, a Rapid Review with the school
    invited, confirmed by the three partners as a local CSPR, opened and the world's reviewer
    commissioned: what ``commission`` gives, for ``world``. Time must be frozen to 2 March
    2026 (``frozen_today``)."""
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    school = lead.memberships.get().agency
    case = case_refer(
        partnership=world.partnership,
        by=lead,
        referring_agency=school,
        case_values=case_values(),
        identity_values=identity_values(),
        agencies_involved=[],
    )
    case_triage(case=case, by=bu, outcome="notify", reason="Unexplained injuries.")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    rapid_review = rapid_review_start(case=case, by=bu)
    agency_invite(rapid_review=rapid_review, by=bu, agency=school)
    rapid_review = meeting_record(
        rapid_review=rapid_review,
        by=bu,
        values=MEETING,
        criteria={},
        expected_version=rapid_review.version,
    )
    rapid_review = rapid_review_send_to_partners(rapid_review=rapid_review, by=bu)
    for partner, person in add_partners(world).items():
        partner_decide(
            rapid_review=rapid_review,
            by=person,
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    rapid_review.refresh_from_db()
    review = review_open(case=rapid_review.case, by=bu, kind="local_cspr", methodology="systems")
    return reviewer_commission(
        review=review,
        by=bu,
        reviewer=world.person("reviewer"),
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 8, 31),
    )
