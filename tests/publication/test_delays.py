"""PUBLISH-DELAY: a delay for criminal proceedings, an inquest or family proceedings is recorded
with its reason and a date to look at it again; publication waits while it is open, and the
business unit is reminded once on that date."""

import datetime as dt

import pytest
from django.core import mail

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.publication.services import (
    delay_end,
    delay_record,
    delay_reschedule,
    report_not_published,
    report_publish,
)
from cspr.publication.tasks import send_publication_delay_reminders
from tests.fixtures.cases import CHILD_NAME
from tests.publication.conftest import PLANNED, at, publish_values

DETAILS = "Trial of the father listed at the Crown Court."


@pytest.fixture
def delay(planned, ready, bu):
    return delay_record(
        review=ready,
        by=bu,
        reason="criminal_proceedings",
        details=DETAILS,
        review_on=dt.date(2026, 3, 9),
    )


def test_publishing_is_refused_while_a_delay_is_open(delay, ready, bu, frozen_today) -> None:
    """PUBLISH-DELAY."""
    frozen_today.move_to(at(PLANNED))
    with pytest.raises(DomainError, match=r"delayed \(criminal proceedings\)"):
        report_publish(review=ready, by=bu, **publish_values())
    with pytest.raises(DomainError, match="end the delay first"):
        report_not_published(
            review=ready,
            by=bu,
            reason="Identifies a sibling.",
            improvements_title="Child R: improvements",
            improvements_summary="Share information sooner.",
        )
    delay_end(delay=delay, by=bu)
    report_publish(review=ready, by=bu, **publish_values())


def test_a_delay_is_recorded_with_a_later_date_to_look_again(ready, bu) -> None:
    with pytest.raises(DomainError, match="must be in the future") as refusal:
        delay_record(
            review=ready, by=bu, reason="inquest", details="", review_on=dt.date(2026, 3, 2)
        )
    assert refusal.value.field == "review_on"
    with pytest.raises(DomainError, match="Say why") as refusal:
        delay_record(review=ready, by=bu, reason="other", details=" ", review_on=PLANNED)
    assert refusal.value.field == "details"


def test_the_delay_is_audited_without_its_details(delay) -> None:
    event = AuditEvent.objects.get(verb="publication_delay.recorded")
    assert event.data == {"review": delay.review_id, "reason": "criminal_proceedings"}
    assert DETAILS not in str(event.data)


def test_the_reminder_is_sent_once_on_the_date_to_look_again(delay, bu) -> None:
    """PUBLISH-DELAY reminders: not before the date, once on it, never again."""
    assert send_publication_delay_reminders.call(today="2026-03-06") == 0
    assert mail.outbox == []
    assert send_publication_delay_reminders.call(today="2026-03-09") == 1
    assert send_publication_delay_reminders.call(today="2026-03-09") == 0
    assert send_publication_delay_reminders.call(today="2026-03-10") == 0
    (email,) = mail.outbox
    assert email.to == [bu.email]
    case = delay.review.case
    assert case.reference in email.subject
    assert case.reference in email.body
    assert DETAILS not in email.body
    assert CHILD_NAME not in email.body
    assert "/review/publication/" in email.body


def test_a_missed_day_is_caught_up_once(delay) -> None:
    assert send_publication_delay_reminders.call(today="2026-03-11") == 1
    assert send_publication_delay_reminders.call(today="2026-03-12") == 0


def test_a_new_date_earns_a_new_reminder(delay, bu, frozen_today) -> None:
    send_publication_delay_reminders.call(today="2026-03-09")
    frozen_today.move_to(at(dt.date(2026, 3, 9)))
    delay_reschedule(delay=delay, by=bu, review_on=dt.date(2026, 4, 9))
    assert send_publication_delay_reminders.call(today="2026-03-10") == 0
    assert send_publication_delay_reminders.call(today="2026-04-09") == 1
    assert len(mail.outbox) == 2


def test_an_ended_delay_is_not_reminded(delay, bu) -> None:
    delay_end(delay=delay, by=bu)
    assert send_publication_delay_reminders.call(today="2026-03-09") == 0
    with pytest.raises(DomainError, match="already ended"):
        delay_end(delay=delay, by=bu)
    assert AuditEvent.objects.filter(verb="publication_delay.ended").count() == 1


def test_the_queued_task_sends_the_reminder(delay) -> None:
    result = send_publication_delay_reminders.enqueue(today="2026-03-09")
    assert result.return_value == 1
