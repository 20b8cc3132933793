"""The meeting and recommendation (RR-PURPOSE, CRIT-LOCAL, CRIT-NATIONAL, OUTCOME), the
partners' decision (PARTNER-DECISION), and the Panel (RAPID-REVIEW, PANEL-RESPONSE)."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.selectors import case_row
from cspr.cases.workflow import CaseState
from cspr.core.errors import DomainError
from cspr.rapid_reviews.services.decisions import partner_decide, rapid_review_send_to_partners
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.rapid_reviews.services.panel import (
    lateness_record,
    panel_response_record,
    rapid_review_send_to_panel,
)
from cspr.rapid_reviews.services.scoping import scoping_return_submit
from cspr.rapid_reviews.workflow import ReviewState
from cspr.statutory.status import DeadlineState
from tests.fixtures.cases import CHILD_NAME
from tests.fixtures.rapid_reviews import complete_return_values

MEETING = {
    "meeting_date": dt.date(2026, 3, 2),
    "attendees": "The CSPR group",
    "facts": "As known.",
    "immediate_action": "Siblings safe.",
    "improvements": "Some.",
    "next_steps": "A local review.",
    "learning_identified": "Escalation.",
    "recommended_outcome": "local_cspr",
    "rationale": "Two agencies did not work together.",
    "missing_returns_reason": "",
}
CRITERIA = {
    "local_a": {"applies": True, "note": "Escalation"},
    "local_c": {"applies": True, "note": ""},
}


@pytest.fixture
def returned(invite, school, world):
    invitation = invite(school)
    scoping_return_submit(
        scoping_return=invitation.scoping_return,
        by=world.person("agency_lead"),
        values=complete_return_values(),
        expected_version=1,
    )
    return invitation


@pytest.fixture
def recommended(review, returned, world):
    return meeting_record(
        rapid_review=review,
        by=world.person("business_unit"),
        values=MEETING,
        criteria=CRITERIA,
        expected_version=review.version,
    )


@pytest.fixture
def with_partners(recommended, world):
    return rapid_review_send_to_partners(rapid_review=recommended, by=world.person("business_unit"))


def url(case, name: str) -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference}
    )


def test_deciding_before_every_return_is_in_needs_the_business_units_reason(
    review, invite, school, health, world
) -> None:
    invite(school)
    invite(health[0])
    bu = world.person("business_unit")
    with pytest.raises(DomainError, match="still missing from"):
        meeting_record(
            rapid_review=review, by=bu, values=MEETING, criteria={}, expected_version=review.version
        )
    reviewed = meeting_record(
        rapid_review=review,
        by=bu,
        criteria={},
        expected_version=review.version,
        values={
            **MEETING,
            "missing_returns_reason": "The hospital's return is delayed by a "
            "records search; the group has its verbal summary.",
        },
    )
    assert reviewed.state == ReviewState.RECOMMENDED


def test_every_outcome_needs_a_rationale(review, returned, world) -> None:
    with pytest.raises(DomainError, match="rationale"):
        meeting_record(
            rapid_review=review,
            by=world.person("business_unit"),
            values={**MEETING, "rationale": " "},
            criteria={},
            expected_version=review.version,
        )


def test_the_meeting_page_records_sections_criteria_and_keeps_input_on_error(
    review, returned, client_as
) -> None:
    client = client_as("business_unit")
    data = {
        "meeting_date_0": "2",
        "meeting_date_1": "3",
        "meeting_date_2": "2026",
        "facts": "The facts as known.",
        "recommended_outcome": "local_cspr",
        "rationale": "",
        "local_a_applies": "on",
        "local_a_note": "Improvements",
        "version": review.version,
    }
    page = client.post(url(review.case, "rapid_reviews:meeting"), data).content.decode()
    assert "Enter the rationale for the recommendation" in page
    assert "The facts as known." in page
    assert 'value="Improvements"' in page
    response = client.post(
        url(review.case, "rapid_reviews:meeting"), {**data, "rationale": "Multi-agency concerns."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.criteria["local_a"] == {"applies": True, "note": "Improvements"}
    assert review.criteria["national_b"] == {"applies": False, "note": ""}
    assert review.facts == "The facts as known."


def test_the_outcome_stands_only_when_every_partner_has_confirmed(
    with_partners, partners, world, django_capture_on_commit_callbacks
) -> None:
    order = ["local_authority", "integrated_care_board", "police"]
    for partner in order[:2]:
        partner_decide(
            rapid_review=with_partners,
            by=partners[partner],
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    with_partners.refresh_from_db()
    assert with_partners.state == ReviewState.WITH_PARTNERS
    with django_capture_on_commit_callbacks(execute=True):
        partner_decide(
            rapid_review=with_partners,
            by=partners["police"],
            statutory_partner="police",
            choice="confirm",
            comment="",
        )
    with_partners.refresh_from_db()
    assert with_partners.state == ReviewState.DECIDED
    with_partners.case.refresh_from_db()
    assert with_partners.case.state == CaseState.DECIDED
    told = [m for m in mail.outbox if "the outcome" in m.subject]
    assert told
    assert told[0].to == [world.person("agency_lead").email]
    assert "Local child safeguarding practice review" in told[0].body
    assert CHILD_NAME not in told[0].body


def test_a_challenge_returns_it_to_the_business_unit_and_starts_a_new_round(
    with_partners, partners, world
) -> None:
    la = partners["local_authority"]
    partner_decide(
        rapid_review=with_partners,
        by=la,
        statutory_partner="local_authority",
        choice="confirm",
        comment="",
    )
    with pytest.raises(DomainError, match="why you challenge"):
        partner_decide(
            rapid_review=with_partners,
            by=partners["police"],
            statutory_partner="police",
            choice="challenge",
            comment="",
        )
    partner_decide(
        rapid_review=with_partners,
        by=partners["police"],
        statutory_partner="police",
        choice="challenge",
        comment="A national review is more fitting.",
    )
    with_partners.refresh_from_db()
    assert with_partners.state == ReviewState.RECOMMENDED
    assert with_partners.decision_round == 2
    # The local authority's earlier confirmation does not carry into the new round.
    again = meeting_record(
        rapid_review=with_partners,
        by=world.person("business_unit"),
        values=MEETING,
        criteria={},
        expected_version=with_partners.version,
    )
    again = rapid_review_send_to_partners(rapid_review=again, by=world.person("business_unit"))
    for partner in ("integrated_care_board", "police"):
        partner_decide(
            rapid_review=again,
            by=partners[partner],
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    again.refresh_from_db()
    assert again.state == ReviewState.WITH_PARTNERS


def test_a_partner_answers_once_a_round_and_only_for_the_partner_they_represent(
    with_partners, partners
) -> None:
    la = partners["local_authority"]
    with pytest.raises(DomainError, match="do not represent"):
        partner_decide(
            rapid_review=with_partners,
            by=la,
            statutory_partner="police",
            choice="confirm",
            comment="",
        )
    partner_decide(
        rapid_review=with_partners,
        by=la,
        statutory_partner="local_authority",
        choice="confirm",
        comment="",
    )
    with pytest.raises(DomainError, match="already answered"):
        partner_decide(
            rapid_review=with_partners,
            by=la,
            statutory_partner="local_authority",
            choice="confirm",
            comment="",
        )


def test_education_confirms_too_where_the_partnership_adds_it(
    with_partners, partners, world
) -> None:
    from tests.factories import MembershipFactory, UserFactory  # noqa: PLC0415

    world.partnership.education_is_partner = True
    world.partnership.save()
    for partner in ("local_authority", "integrated_care_board", "police"):
        partner_decide(
            rapid_review=with_partners,
            by=partners[partner],
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    with_partners.refresh_from_db()
    assert with_partners.state == ReviewState.WITH_PARTNERS
    education = UserFactory()
    MembershipFactory(
        user=education,
        partnership=world.partnership,
        role="safeguarding_partner",
        statutory_partner="education",
    )
    partner_decide(
        rapid_review=with_partners,
        by=education,
        statutory_partner="education",
        choice="confirm",
        comment="",
    )
    with_partners.refresh_from_db()
    assert with_partners.state == ReviewState.DECIDED


def test_the_partner_decision_page(with_partners, partners, world) -> None:
    client = Client()
    client.force_login(partners["police"])
    decide = url(with_partners.case, "rapid_reviews:decide")
    page = client.get(decide).content.decode()
    assert "Local child safeguarding practice review" in page
    response = client.post(decide, {"statutory_partner": "police", "choice": "challenge"})
    assert "Enter why you challenge the recommendation" in response.content.decode()
    assert (
        client.post(decide, {"statutory_partner": "police", "choice": "confirm"}).status_code == 302
    )
    assert AuditEvent.objects.filter(verb="partner_decision.confirmed").exists()


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_only_partners_decide(with_partners, client_as, role: str) -> None:
    assert client_as(role).get(url(with_partners.case, "rapid_reviews:decide")).status_code in {
        403,
        404,
    }


@pytest.fixture
def decided(with_partners, partners):
    for partner in ("local_authority", "integrated_care_board", "police"):
        partner_decide(
            rapid_review=with_partners,
            by=partners[partner],
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    with_partners.refresh_from_db()
    return with_partners


def test_it_reaches_the_panel_only_after_the_partners_decide(recommended, world) -> None:
    with pytest.raises(DomainError, match="every safeguarding partner has confirmed"):
        rapid_review_send_to_panel(
            rapid_review=recommended, by=world.person("business_unit"), sent_on=dt.date(2026, 3, 2)
        )


def test_sent_in_time_meets_rapid_review_and_starts_panel_response(decided, world) -> None:
    bu = world.person("business_unit")
    review = rapid_review_send_to_panel(rapid_review=decided, by=bu, sent_on=dt.date(2026, 3, 2))
    deadlines = {d.rule.id: d for d in case_row(review.case, today=dt.date(2026, 3, 2)).deadlines}
    assert deadlines["RAPID-REVIEW"].status.state == DeadlineState.MET
    assert deadlines["PANEL-RESPONSE"].due == dt.date(2026, 3, 23)
    review = panel_response_record(
        rapid_review=review, by=bu, response="agrees", responded_on=dt.date(2026, 3, 2), note=""
    )
    assert review.state == ReviewState.PANEL_RESPONDED


def test_a_late_rapid_review_needs_a_reason_and_an_expected_date(
    decided, world, frozen_today
) -> None:
    """RAPID-REVIEW was due on Wednesday 18 March 2026."""
    bu = world.person("business_unit")
    frozen_today.move_to(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC))
    with pytest.raises(DomainError, match="due by 18 March 2026"):
        rapid_review_send_to_panel(rapid_review=decided, by=bu, sent_on=dt.date(2026, 3, 20))
    lateness_record(
        rapid_review=decided,
        by=bu,
        reason="Police disclosure awaited.",
        expected_on=dt.date(2026, 3, 25),
    )
    review = rapid_review_send_to_panel(rapid_review=decided, by=bu, sent_on=dt.date(2026, 3, 20))
    row = case_row(review.case, today=dt.date(2026, 3, 20))
    assert next(d for d in row.deadlines if d.rule.id == "RAPID-REVIEW").status.state == (
        DeadlineState.MET_LATE
    )


def test_the_rapid_review_page_shows_each_part(decided, client_as) -> None:
    page = client_as("business_unit").get(url(decided.case, "rapid_reviews:detail"))
    html = page.content.decode()
    for text in (
        "Scoping returns",
        "Two agencies did not work together.",
        "Applies:",
        "CRIT-LOCAL (a)",
        "Decided by the partners",
        "Record as sent to the Panel",
    ):
        assert text in html


def test_the_case_timeline_tells_the_rapid_reviews_story(decided, client_as) -> None:
    page = client_as("business_unit").get(url(decided.case, "cases:detail")).content.decode()
    for event in (
        "Rapid Review started",
        "asked for its scoping return",
        "scoping return received",
        "Rapid Review meeting",
        "Outcome confirmed by every safeguarding partner",
    ):
        assert event in page


def test_the_business_units_home_lists_the_most_urgent_cases(decided, client_as, world) -> None:
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    page = client_as("business_unit").get(home).content.decode()
    assert "Most urgent open cases" in page
    assert decided.case.reference in page


def test_the_rapid_review_page_names_the_panels_response(decided, world, client_as) -> None:
    bu = world.person("business_unit")
    review = rapid_review_send_to_panel(rapid_review=decided, by=bu, sent_on=dt.date(2026, 3, 2))
    panel_response_record(
        rapid_review=review,
        by=bu,
        response="asks_for_local_review",
        responded_on=dt.date(2026, 3, 2),
        note="",
    )
    html = client_as("business_unit").get(url(decided.case, "rapid_reviews:detail")).content
    assert "Response on 2 March 2026: <strong>Asks for a local review</strong>" in html.decode()
