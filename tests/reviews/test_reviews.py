"""Reviews to publication, first stretch: a review opened from a decided case (CSPR-COMPLETE,
LLR-COMPLETE), reviewers with access for the length of their commission, terms of reference
approved by the partners, people who took part, and requests to the reviewer (regulation 14)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.reviews.models import Review
from cspr.reviews.services import (
    commission_end,
    final_report_problems,
    participant_add,
    review_mark_final,
    review_open,
    reviewer_commission,
    reviewer_request_add,
    terms_approve,
    terms_draft,
)
from cspr.reviews.workflow import ReviewState
from tests.documents.records import complete_final_report
from tests.fixtures.cases import CHILD_NAME


def url(review, name: str = "reviews:detail", **kw: object) -> str:
    case = review.case
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kw}
    )


def test_the_business_unit_opens_the_review_the_partners_decided(decided_review, client_as):
    case = decided_review.case
    open_url = reverse(
        "reviews:open",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    client = client_as("business_unit")
    wrong = client.post(open_url, {"kind": "local_learning_review", "methodology": "systems"})
    assert "The partners decided on a local child safeguarding practice review" in (
        wrong.content.decode()
    )
    response = client.post(open_url, {"kind": "local_cspr", "methodology": "systems"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Wednesday 2 September 2026" in page  # CSPR-COMPLETE: 6 months from 2 March 2026
    assert AuditEvent.objects.filter(verb="review.opened").exists()


def test_a_review_opens_once(cspr, world) -> None:
    with pytest.raises(DomainError, match="only once"):
        review_open(
            case=cspr.case,
            by=world.person("business_unit"),
            kind="local_cspr",
            methodology="systems",
        )


def test_a_reviewer_sees_the_case_only_for_the_commission(commission, world, frozen_today):
    client = Client()
    client.force_login(world.person("reviewer"))
    review = commission.review
    assert client.get(url(review)).status_code == 200
    page = client.get(url(review, "cases:detail")).content.decode()
    assert CHILD_NAME in page
    frozen_today.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC))
    client.force_login(world.person("reviewer"))  # a new day, a new session
    assert client.get(url(review)).status_code == 404
    assert client.get(url(review, "cases:detail")).status_code == 404


def test_the_reviewer_is_told_of_their_commission_without_personal_details(
    cspr, world, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    reviewer = world.person("reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_commission(
            review=cspr,
            by=world.person("business_unit"),
            reviewer=reviewer,
            starts_on=dt.date(2026, 3, 2),
            ends_on=dt.date(2026, 8, 31),
        )
    (message,) = mailoutbox
    case = cspr.case
    assert message.to == [reviewer.email]
    assert message.subject == f"You are commissioned to review {case.reference}"
    assert f"Case: {case.reference} ({case.pseudonym})" in message.body
    assert "from 2 March 2026 to 31 August 2026" in message.body
    assert url(cspr) in message.body
    assert CHILD_NAME not in message.subject + message.body


def test_ending_a_commission_ends_access_tomorrow(commission, world, frozen_today) -> None:
    commission_end(commission=commission, by=world.person("business_unit"))
    client = Client()
    client.force_login(world.person("reviewer"))
    assert client.get(url(commission.review)).status_code == 200
    frozen_today.move_to(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC))
    client.force_login(world.person("reviewer"))
    assert client.get(url(commission.review)).status_code == 404


def test_a_reviewer_without_a_commission_sees_nothing(cspr, client_as) -> None:
    assert client_as("reviewer").get(url(cspr)).status_code == 404


def test_terms_of_reference_are_versioned_and_approved_by_every_partner(cspr, world, partners):
    bu = world.person("business_unit")
    agencies = list(world.partnership.agencies.all())
    first = terms_draft(
        review=cspr,
        by=bu,
        scope_from=dt.date(2025, 1, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation.",
        agencies=agencies,
    )
    second = terms_draft(
        review=cspr,
        by=bu,
        scope_from=dt.date(2024, 6, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation; housing.",
        agencies=agencies,
    )
    assert second.number == 2
    with pytest.raises(DomainError, match="latest version"):
        terms_approve(terms=first, by=partners["police"], statutory_partner="police")
    for partner, person in partners.items():
        second = terms_approve(terms=second, by=person, statutory_partner=partner)
    assert second.approved_on == dt.date(2026, 3, 2)


def test_the_report_is_final_only_once_the_family_has_been_invited(cspr, world, partners):
    bu = world.person("business_unit")
    terms = terms_draft(
        review=cspr,
        by=bu,
        scope_from=dt.date(2025, 1, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="x",
        agencies=[],
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    assert "Invite the family" in " ".join(final_report_problems(cspr))
    with pytest.raises(DomainError, match="Invite the family"):
        review_mark_final(review=cspr, by=bu)
    participant_add(
        review=cspr,
        by=bu,
        values={
            "kind": "family",
            "name": "A parent",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "invited",
            "how_views_gathered": "",
        },
    )
    cspr.refresh_from_db()
    complete_final_report(cspr, bu)  # the REPORT-CONTENT checklist and the report itself
    review = review_mark_final(review=cspr, by=bu)
    assert review.state == ReviewState.REPORT_FINAL
    assert review.completed_on == dt.date(2026, 3, 2)


def test_a_practitioner_needs_their_agency(cspr, world) -> None:
    with pytest.raises(DomainError, match="practitioner's agency"):
        participant_add(
            review=cspr,
            by=world.person("business_unit"),
            values={
                "kind": "practitioner",
                "name": "A nurse",
                "role": "Health visitor",
                "agency": None,
                "is_child": False,
                "invited_on": dt.date(2026, 3, 2),
                "status": "invited",
                "how_views_gathered": "",
            },
        )


def test_the_partners_see_every_open_review_against_its_due_date(cspr, world, client_as):
    reviewer_request_add(
        review=cspr,
        by=world.person("business_unit"),
        what="A first draft.",
        due_on=dt.date(2026, 5, 1),
    )
    page = (
        client_as("safeguarding_partner")
        .get(reverse("reviews:monitoring", kwargs={"partnership_slug": world.partnership.slug}))
        .content.decode()
    )
    assert cspr.case.reference in page
    assert "2 Sep 2026" in page
    assert ">1<" in page  # one open request to the reviewer


def test_the_reviews_under_way_are_shown_a_page_at_a_time(
    cspr, world, client_as, make_case, monkeypatch
) -> None:
    monkeypatch.setattr("cspr.reviews.views.MONITORING_PAGE_SIZE", 2)
    bu = world.person("business_unit")
    for _ in range(2):
        Review.objects.create(
            case=make_case(),
            kind="local_learning_review",
            decided_on=dt.date(2026, 1, 5),
            opened_by=bu,
            methodology="systems",
        )
    monitoring = reverse("reviews:monitoring", kwargs={"partnership_slug": world.partnership.slug})
    client = client_as("safeguarding_partner")
    first = client.get(monitoring).content.decode()
    second = client.get(monitoring, {"page": 2}).content.decode()
    assert first.count('<tr class="govuk-table__row">') == 1 + 2
    assert second.count('<tr class="govuk-table__row">') == 1 + 1
    assert 'aria-label="Pages"' in first


@pytest.mark.parametrize("role", ["agency_lead", "administrator", "independent_scrutineer"])
def test_others_do_not_see_the_review(cspr, client_as, role: str) -> None:
    assert client_as(role).get(url(cspr)).status_code in {403, 404}


def test_the_review_page_pieces(cspr, client_as) -> None:
    page = client_as("business_unit").get(url(cspr)).content.decode()
    for text in (
        "Independent reviewers",
        "Terms of reference",
        "People who took part",
        "Requests to the reviewer",
        "Before the report can be marked final",
    ):
        assert text in page
