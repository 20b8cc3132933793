"""Scoping returns: drafts, submission that locks, return for changes, and reminders two
working days before SCOPING-RETURN and on the day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cspr.cases.selectors import case_row
from cspr.core.errors import DomainError, StaleEdit
from cspr.rapid_reviews.services.scoping import (
    key_contact_add,
    scoping_return_save,
    scoping_return_send_back,
    scoping_return_submit,
)
from cspr.rapid_reviews.workflow import ReturnState
from cspr.statutory.status import DeadlineState
from tests.fixtures.rapid_reviews import complete_return_values


def return_url(invitation) -> str:
    case = invitation.rapid_review.case
    return reverse(
        "rapid_reviews:return",
        kwargs={
            "partnership_slug": case.partnership.slug,
            "reference": case.reference,
            "invitation_id": invitation.pk,
        },
    )


def form(item, **overrides: object) -> dict[str, object]:
    values = complete_return_values(**overrides)
    values["signed_off"] = "on" if values["signed_off"] else ""
    return {**values, "version": item.version}


def test_an_agency_lead_saves_a_draft_without_finishing_it(invite, school, client_as) -> None:
    invitation = invite(school)
    item = invitation.scoping_return
    response = client_as("agency_lead").post(
        return_url(invitation), {"author_name": "Half done", "version": item.version, "save": ""}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.author_name == "Half done"
    assert item.state == ReturnState.DRAFT


def test_submitting_locks_the_return_and_meets_scoping_return(invite, school, client_as) -> None:
    invitation = invite(school)
    item = invitation.scoping_return
    client = client_as("agency_lead")
    assert client.post(return_url(invitation), {**form(item), "submit": ""}).status_code == 302
    item.refresh_from_db()
    assert item.state == ReturnState.SUBMITTED
    assert item.submitted_on == dt.date(2026, 3, 2)
    row = case_row(invitation.rapid_review.case, today=dt.date(2026, 3, 2))
    scoping = next(d for d in row.deadlines if d.rule.id == "SCOPING-RETURN")
    assert scoping.status.state == DeadlineState.MET
    page = client.get(return_url(invitation)).content.decode()
    assert "Submit the return" not in page
    assert client.post(return_url(invitation), {**form(item), "save": ""}).status_code == 403


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"author_name": ""}, "Enter the name of the person who wrote the return"),
        ({"records_secured": ""}, "Say whether the agency&#x27;s records have been secured"),
        ({"signed_off": False}, "The safeguarding lead must sign the return off"),
    ],
)
def test_a_submission_must_be_complete_and_signed_off(
    invite, school, client_as, missing: dict[str, object], message: str
) -> None:
    invitation = invite(school)
    item = invitation.scoping_return
    page = (
        client_as("agency_lead")
        .post(return_url(invitation), {**form(item, **missing), "submit": ""})
        .content.decode()
    )
    assert message in page
    assert "A missed referral in January." in page  # nothing typed is lost
    item.refresh_from_db()
    assert item.state == ReturnState.DRAFT


def test_the_business_unit_returns_it_for_changes_and_the_agency_resubmits(
    invite, school, world, django_capture_on_commit_callbacks
) -> None:
    invitation = invite(school)
    lead = world.person("agency_lead")
    item = scoping_return_submit(
        scoping_return=invitation.scoping_return,
        by=lead,
        values=complete_return_values(),
        expected_version=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        item = scoping_return_send_back(
            scoping_return=item,
            by=world.person("business_unit"),
            reason="Add the January referral's outcome.",
        )
    assert item.state == ReturnState.RETURNED
    assert mail.outbox[-1].to == [lead.email]
    item = scoping_return_submit(
        scoping_return=item,
        by=lead,
        values=complete_return_values(concerns="Updated."),
        expected_version=item.version,
    )
    assert item.state == ReturnState.SUBMITTED
    assert item.returned_reason == ""


def test_only_a_submitted_return_can_be_sent_back(invite, school, world) -> None:
    invitation = invite(school)
    with pytest.raises(DomainError, match="Only a submitted"):
        scoping_return_send_back(
            scoping_return=invitation.scoping_return, by=world.person("business_unit"), reason="x"
        )


def test_two_people_saving_one_draft_do_not_overwrite_each_other(invite, school, world) -> None:
    invitation = invite(school)
    lead = world.person("agency_lead")
    scoping_return_save(
        scoping_return=invitation.scoping_return,
        by=lead,
        values=complete_return_values(),
        expected_version=1,
    )
    with pytest.raises(StaleEdit):
        scoping_return_save(
            scoping_return=invitation.scoping_return,
            by=lead,
            values=complete_return_values(author_name="Other"),
            expected_version=1,
        )


def test_another_invited_agency_cannot_read_this_return(invite, school, health) -> None:
    invitation = invite(school)
    invite(health[0])
    client = Client()
    client.force_login(health[1])
    assert client.get(return_url(invitation)).status_code == 403


def test_partners_read_returns_but_do_not_write_them(invite, school, client_as) -> None:
    invitation = invite(school)
    client = client_as("safeguarding_partner")
    assert client.get(return_url(invitation)).status_code == 200
    item = invitation.scoping_return
    assert client.post(return_url(invitation), {**form(item), "save": ""}).status_code == 403


def test_key_contacts_are_added_to_a_draft(invite, school, world, client_as) -> None:
    invitation = invite(school)
    add = return_url(invitation) + "key-contacts/add/"
    page = client_as("agency_lead").post(add, {"who": "Class teacher"}).content.decode()
    assert "Enter what happened" in page
    assert 'value="Class teacher"' in page
    response = client_as("agency_lead").post(
        add,
        {
            "contact_date_0": "12",
            "contact_date_1": "1",
            "contact_date_2": "2026",
            "who": "Class teacher",
            "what": "Bruise noticed; DSL informed.",
        },
    )
    assert response.status_code == 302
    assert invitation.scoping_return.key_contacts.count() == 1


def test_key_contacts_cannot_be_in_the_future(invite, school, world) -> None:
    invitation = invite(school)
    with pytest.raises(DomainError, match="today or in the past"):
        key_contact_add(
            scoping_return=invitation.scoping_return,
            by=world.person("agency_lead"),
            values={"contact_date": dt.date(2026, 4, 1), "who": "x", "what": "y", "outcome": ""},
        )


def test_reminders_two_working_days_before_and_on_the_day_once_each(
    invite, school, world, frozen_today
) -> None:
    """SCOPING-RETURN from Monday 2 March 2026 is due on Monday 9 March; two working days before
    is Thursday 5 March."""
    invite(school)
    lead = world.person("agency_lead")
    call_command("send_reminders", "--date", "2026-03-04")
    assert mail.outbox == []
    call_command("send_reminders", "--date", "2026-03-05")
    call_command("send_reminders", "--date", "2026-03-05")
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert "in 2 working days" in mail.outbox[0].subject
    assert mail.outbox[0].to == [lead.email]
    call_command("send_reminders", "--date", "2026-03-09")
    assert "due today" in mail.outbox[-1].subject
    assert len(mail.outbox) == 2


def test_no_reminder_once_the_return_is_in(invite, school, world) -> None:
    invitation = invite(school)
    scoping_return_submit(
        scoping_return=invitation.scoping_return,
        by=world.person("agency_lead"),
        values=complete_return_values(),
        expected_version=1,
    )
    call_command("send_reminders", "--date", "2026-03-05")
    assert mail.outbox == []


def test_the_agency_leads_home_lists_what_the_agency_owes(invite, school, client_as, world) -> None:
    invite(school)
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    page = client_as("agency_lead").get(home).content.decode()
    assert "What your agency owes" in page
    assert "due 9 Mar 2026" in page


def test_a_submitted_return_says_not_answered_for_what_was_left_blank(
    invite, school, client_as
) -> None:
    invitation = invite(school)
    item = invitation.scoping_return
    client = client_as("agency_lead")
    values = {**form(item, strengths="", learning=""), "submit": ""}
    assert client.post(return_url(invitation), values).status_code == 302
    page = client_as("business_unit").get(return_url(invitation)).content.decode()
    assert page.count("Not answered") >= 2
