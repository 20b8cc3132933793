"""Starting the Rapid Review from a notified case and inviting agencies (SCOPING-RETURN)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.models import AbuseOrNeglect, ChildStatus, IncidentKind
from cspr.cases.services import case_triage, notification_record
from cspr.cases.workflow import CaseState
from cspr.core.errors import DomainError
from cspr.rapid_reviews.models import ScopingReturn
from cspr.rapid_reviews.services.starting import (
    agency_add_and_invite,
    agency_invite,
    rapid_review_start,
)
from cspr.rapid_reviews.workflow import ReturnState
from tests.fixtures.cases import CHILD_NAME


def rr_url(case, name: str = "rapid_reviews:detail", **kw: object) -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kw}
    )


def test_the_business_unit_starts_the_rapid_review_of_a_notified_case(
    notified_case, client_as
) -> None:
    client = client_as("business_unit")
    confirm = client.get(rr_url(notified_case, "rapid_reviews:start"))
    assert "Start the Rapid Review" in confirm.content.decode()
    response = client.post(rr_url(notified_case, "rapid_reviews:start"))
    assert response["Location"] == rr_url(notified_case)
    notified_case.refresh_from_db()
    assert notified_case.state == CaseState.RAPID_REVIEW
    assert AuditEvent.objects.filter(verb="rapid_review.started").exists()
    page = client.get(rr_url(notified_case)).content.decode()
    assert "Wednesday 18 March 2026" in page  # RAPID-REVIEW: 15 WD after 25 February


def test_a_case_not_yet_notified_cannot_start_one(make_case, world) -> None:
    with pytest.raises(DomainError, match="notified case"):
        rapid_review_start(case=make_case(), by=world.person("business_unit"))


def test_a_looked_after_childs_death_without_abuse_suspected_has_no_rapid_review(
    make_case, world
) -> None:
    """NOTIFY-LAC-DEATH alone does not call for a Rapid Review."""
    case = make_case(
        incident_kind=IncidentKind.DEATH,
        child_statuses=[ChildStatus.LOOKED_AFTER],
        abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED,
    )
    bu = world.person("business_unit")
    case_triage(case=case, by=bu, outcome="notify", reason="LAC death")
    notification_record(
        case=case,
        by=bu,
        kind="looked_after_death",
        sent_on=__import__("datetime").date(2026, 2, 27),
    )
    with pytest.raises(DomainError, match="do not call for one"):
        rapid_review_start(case=case, by=bu)


@pytest.mark.parametrize("role", ["safeguarding_partner", "agency_lead", "reviewer"])
def test_only_the_business_unit_starts_it(notified_case, client_as, role: str) -> None:
    assert client_as(role).post(rr_url(notified_case, "rapid_reviews:start")).status_code in {
        403,
        404,
    }


def test_inviting_an_agency_emails_its_leads_and_opens_a_draft_return(
    review, world, health, client_as, django_capture_on_commit_callbacks
) -> None:
    agency, lead = health
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("business_unit").post(
            rr_url(review.case, "rapid_reviews:invite"), {"agency": agency.pk}
        )
    assert response.status_code == 302
    invitation = review.invitations.get()
    assert invitation.scoping_return.state == ReturnState.DRAFT
    (email,) = mail.outbox
    assert email.to == [lead.email]
    assert "Monday 9 March 2026" in email.body  # SCOPING-RETURN: 5 WD after 2 March
    assert CHILD_NAME not in email.subject + email.body
    assert f"/returns/{invitation.pk}/" in email.body


def test_an_invited_agency_lead_sees_only_that_case_and_their_return(
    review, world, health, invite, make_case
) -> None:
    agency, lead = health
    invitation = invite(agency)
    other_case = make_case()
    client = Client()
    client.force_login(lead)
    case_page = client.get(rr_url(review.case, "cases:detail")).content.decode()
    assert CHILD_NAME in case_page  # needed to search their own records
    assert "Your agency's scoping return" in case_page
    assert (
        client.get(
            rr_url(review.case, "rapid_reviews:return", invitation_id=invitation.pk)
        ).status_code
        == 200
    )
    assert client.get(rr_url(other_case, "cases:detail")).status_code == 404
    assert client.get(rr_url(review.case)).status_code == 403  # the whole Rapid Review


def test_an_agency_not_on_the_list_is_added_and_invited(review, world) -> None:
    invitation = agency_add_and_invite(
        rapid_review=review,
        by=world.person("business_unit"),
        name="Northshire Boxing Club",
        kind="voluntary_sector",
    )
    assert invitation.agency.partnership == world.partnership
    assert ScopingReturn.objects.filter(invitation=invitation).exists()


def test_an_agency_is_invited_once(review, world, health) -> None:
    agency, _ = health
    bu = world.person("business_unit")
    agency_invite(rapid_review=review, by=bu, agency=agency)
    with pytest.raises(DomainError, match="already been invited"):
        agency_invite(rapid_review=review, by=bu, agency=agency)


def test_the_invite_form_explains_what_is_missing(review, client_as) -> None:
    page = (
        client_as("business_unit")
        .post(rr_url(review.case, "rapid_reviews:invite"), {"new_agency_name": "A club"})
        .content.decode()
    )
    assert "Select the kind of the new agency" in page
    assert 'value="A club"' in page
