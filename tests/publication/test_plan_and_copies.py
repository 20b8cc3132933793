"""PRE-PUBLICATION: copies to the Panel, the Secretary of State and Ofsted no later than 7
working days before the planned publication date (CAL-BEFORE); publication is refused until all
three are recorded as sent by then, unless the business unit records why not."""

import datetime as dt

import pytest

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.publication.models import PublicationPlan, Recipient
from cspr.publication.selectors import overview
from cspr.publication.services import copy_record, plan_set, report_publish
from tests.publication.conftest import PLANNED, at, publish_values, send_copies, url


def test_pre_publication_is_7_working_days_before_across_easter(ready, bu) -> None:
    """PRE-PUBLICATION, CAL-BEFORE: Wednesday 8 April 2026 counts back over Easter Monday
    (6 April) and Good Friday (3 April) to Thursday 26 March 2026."""
    plan_set(review=ready, by=bu, planned_on=dt.date(2026, 4, 8))
    assert overview(ready, today=dt.date(2026, 3, 2)).latest == dt.date(2026, 3, 26)


def test_pre_publication_follows_a_changed_plan(ready, bu) -> None:
    plan = plan_set(review=ready, by=bu, planned_on=PLANNED)
    plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 23), expected_version=plan.version)
    assert overview(ready, today=dt.date(2026, 3, 2)).latest == dt.date(2026, 3, 12)
    assert AuditEvent.objects.filter(verb="publication_plan.updated").count() == 1


def test_the_planned_date_cannot_be_in_the_past(ready, bu) -> None:
    with pytest.raises(DomainError, match="today or in the future") as refusal:
        plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 1))
    assert refusal.value.field == "planned_on"


def test_a_stale_plan_edit_is_refused(ready, bu) -> None:
    plan = plan_set(review=ready, by=bu, planned_on=PLANNED)
    plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 20), expected_version=plan.version)
    with pytest.raises(DomainError, match="Someone else saved"):
        plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 27), expected_version=1)


def test_publication_is_planned_only_once_the_report_is_final(cspr, bu) -> None:
    with pytest.raises(DomainError, match="from when the report is final"):
        plan_set(review=cspr, by=bu, planned_on=PLANNED)


def test_a_copy_cannot_be_sent_in_the_future(ready, bu) -> None:
    plan_set(review=ready, by=bu, planned_on=PLANNED)
    with pytest.raises(DomainError, match="today or in the past"):
        copy_record(review=ready, by=bu, recipient="panel", sent_on=dt.date(2026, 3, 3))


def test_a_copy_needs_a_plan(ready, bu) -> None:
    with pytest.raises(DomainError, match="planned publication date first"):
        copy_record(review=ready, by=bu, recipient="panel", sent_on=dt.date(2026, 3, 2))


def test_a_late_copy_needs_the_reason(ready, bu, frozen_today) -> None:
    """PRE-PUBLICATION: a copy sent after Thursday 5 March 2026 for 16 March says why."""
    plan_set(review=ready, by=bu, planned_on=PLANNED)
    frozen_today.move_to(at(dt.date(2026, 3, 6)))
    with pytest.raises(DomainError, match="after Thursday 5 March 2026") as refusal:
        copy_record(review=ready, by=bu, recipient="ofsted", sent_on=dt.date(2026, 3, 6))
    assert refusal.value.field == "late_reason"
    copy_record(
        review=ready,
        by=bu,
        recipient="ofsted",
        sent_on=dt.date(2026, 3, 6),
        late_reason="Ofsted's address changed.",
    )
    plan = PublicationPlan.objects.get(review=ready)
    assert plan.copies_late_reason == "Ofsted's address changed."
    event = AuditEvent.objects.get(verb="prepublication_copy.recorded")
    assert event.data == {"review": ready.pk, "recipient": "ofsted", "late": True}


def test_publishing_is_refused_until_all_three_copies_are_recorded(ready, bu, frozen_today) -> None:
    """PRE-PUBLICATION: the Panel, the Secretary of State and Ofsted."""
    plan_set(review=ready, by=bu, planned_on=PLANNED)
    copy_record(review=ready, by=bu, recipient="panel", sent_on=dt.date(2026, 3, 2))
    frozen_today.move_to(at(PLANNED))
    with pytest.raises(DomainError) as refusal:
        report_publish(review=ready, by=bu, **publish_values())
    assert (
        "Record the copies sent to the Secretary of State for Education and Ofsted "
        "(PRE-PUBLICATION: by Thursday 5 March 2026)" in refusal.value.message
    )
    for recipient in ("secretary_of_state", "ofsted"):
        copy_record(review=ready, by=bu, recipient=recipient, sent_on=dt.date(2026, 3, 5))
    assert report_publish(review=ready, by=bu, **publish_values()).published_on == PLANNED


def test_publishing_is_refused_with_a_copy_sent_late(ready, bu, frozen_today) -> None:
    """PRE-PUBLICATION: moving the plan earlier makes copies already sent late."""
    plan = plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 20))
    send_copies(ready, bu, on=dt.date(2026, 3, 2))
    frozen_today.move_to(at(dt.date(2026, 3, 9)))
    plan_set(review=ready, by=bu, planned_on=dt.date(2026, 3, 10), expected_version=plan.version)
    frozen_today.move_to(at(dt.date(2026, 3, 10)))
    with pytest.raises(DomainError, match="sent after Friday 27 February 2026"):
        report_publish(review=ready, by=bu, **publish_values())


def test_publishing_is_allowed_with_the_reason_copies_were_not_sent(
    ready, bu, frozen_today
) -> None:
    """PRE-PUBLICATION: "or the business unit records why not"."""
    plan_set(
        review=ready,
        by=bu,
        planned_on=PLANNED,
        copies_late_reason="The Panel asked for the copy to wait for the inquest's outcome.",
    )
    frozen_today.move_to(at(PLANNED))
    report_publish(review=ready, by=bu, **publish_values())
    ready.refresh_from_db()
    assert ready.state == "published"


def test_publishing_is_refused_before_the_planned_date(planned, ready, bu, frozen_today) -> None:
    frozen_today.move_to(at(dt.date(2026, 3, 13)))
    with pytest.raises(DomainError, match="from the planned date, Monday 16 March 2026"):
        report_publish(review=ready, by=bu, **publish_values())


def test_the_page_shows_each_copy_and_the_deadline(planned, ready, client_as) -> None:
    page = client_as("business_unit").get(url(ready)).content.decode()
    assert "Thursday 5 March 2026" in page
    assert "Met" in page
    for recipient in Recipient:
        assert recipient.label in page
