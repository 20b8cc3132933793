"""Publishing the report or, by the partners' decision, the information about improvements
(PUBLISH-DEFAULT); the earliest take-down date (PUBLISH-LOCAL, PUBLISH-NATIONAL, CAL-YEARS);
uploads checked by content; the deposit for the national case review repository."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.publication.files import MAX_REPORT_BYTES
from cspr.publication.models import Decision, PublicationPlan, PublishedReport
from cspr.publication.services import (
    deposit_mark_sent,
    plan_set,
    report_not_published,
    report_publish,
    report_take_down,
)
from cspr.reviews.models import Review
from tests.fixtures.cases import CHILD_NAME
from tests.publication.conftest import (
    PLANNED,
    at,
    pdf_bytes,
    pdf_upload,
    publish_values,
    send_copies,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def test_publishing_moves_the_review_to_published(published, ready) -> None:
    ready.refresh_from_db()
    assert ready.state == "published"
    assert published.published_on == PLANNED
    assert not published.is_improvements_information
    plan = PublicationPlan.objects.get(review=ready)
    assert plan.decision == Decision.PUBLISH
    assert plan.decided_on == PLANNED


def test_the_file_is_stored_under_a_random_name(published) -> None:
    assert published.file.name.startswith("published/")
    assert "report" not in published.file.name
    assert default_storage.open(published.file.name).read() == pdf_bytes()


def test_a_local_report_stays_available_for_at_least_a_year(published) -> None:
    """PUBLISH-LOCAL: 16 March 2026 + 1 year."""
    assert published.earliest_takedown_on == dt.date(2027, 3, 16)
    assert published.takedown_rule == "PUBLISH-LOCAL"


def _publish_on_29_february(review: Review, bu, frozen_today) -> PublishedReport:
    plan_set(review=review, by=bu, planned_on=dt.date(2028, 2, 29))
    send_copies(review, bu)
    frozen_today.move_to(at(dt.date(2028, 2, 29)))
    return report_publish(review=review, by=bu, **publish_values())


def test_a_national_review_stays_available_for_at_least_3_years(ready, bu, frozen_today) -> None:
    """PUBLISH-NATIONAL with CAL-YEARS: 29 February 2028 + 3 years is 28 February 2031."""
    Review.objects.filter(pk=ready.pk).update(kind="national_contribution")
    ready.refresh_from_db()
    published = _publish_on_29_february(ready, bu, frozen_today)
    assert published.earliest_takedown_on == dt.date(2031, 2, 28)
    assert published.takedown_rule == "PUBLISH-NATIONAL"


def test_a_local_report_published_on_29_february(ready, bu, frozen_today) -> None:
    """PUBLISH-LOCAL with CAL-YEARS: 29 February 2028 + 1 year is 28 February 2029."""
    published = _publish_on_29_february(ready, bu, frozen_today)
    assert published.earliest_takedown_on == dt.date(2029, 2, 28)


def test_taking_down_early_is_refused(published, bu, frozen_today) -> None:
    """PUBLISH-LOCAL: not before Tuesday 16 March 2027."""
    frozen_today.move_to(at(dt.date(2027, 3, 15)))
    with pytest.raises(DomainError) as refusal:
        report_take_down(published=published, by=bu, reason="Superseded.")
    assert refusal.value.message == (
        "This report must stay publicly available until at least Tuesday 16 March 2027 "
        "(PUBLISH-LOCAL: at least 1 year from publication on Monday 16 March 2026). It can be "
        "taken down from that date."
    )
    published.refresh_from_db()
    assert published.taken_down_on is None


def test_taking_down_from_the_earliest_date_is_allowed(published, bu, frozen_today) -> None:
    frozen_today.move_to(at(dt.date(2027, 3, 16)))
    with pytest.raises(DomainError, match="Say why"):
        report_take_down(published=published, by=bu, reason="")
    report_take_down(published=published, by=bu, reason="Superseded by the thematic review.")
    published.refresh_from_db()
    assert published.taken_down_on == dt.date(2027, 3, 16)
    assert AuditEvent.objects.filter(verb="published_report.taken_down").exists()
    with pytest.raises(DomainError, match="already been taken down"):
        report_take_down(published=published, by=bu, reason="Again.")


def test_not_publishing_needs_a_reason(planned, ready, bu, frozen_today) -> None:
    """PUBLISH-DEFAULT: publish unless the partners record why not."""
    frozen_today.move_to(at(PLANNED))
    with pytest.raises(DomainError, match="Say why") as refusal:
        report_not_published(
            review=ready,
            by=bu,
            reason="  ",
            improvements_title="Child R: improvements",
            improvements_summary="Share information sooner.",
        )
    assert refusal.value.field == "reason"


def test_not_publishing_still_publishes_the_improvements_information(
    planned, ready, bu, frozen_today
) -> None:
    """PUBLISH-DEFAULT: then publish the improvements information (kept a year,
    PUBLISH-LOCAL)."""
    frozen_today.move_to(at(PLANNED))
    published = report_not_published(
        review=ready,
        by=bu,
        reason="Publishing would identify the surviving siblings.",
        improvements_title="Child R: information about improvements",
        improvements_summary="Agencies should share concerns about infants sooner.",
    )
    assert published.is_improvements_information
    assert not published.file
    assert published.earliest_takedown_on == dt.date(2027, 3, 16)
    ready.refresh_from_db()
    assert ready.state == "not_published"
    plan = PublicationPlan.objects.get(review=ready)
    assert plan.decision == Decision.NOT_PUBLISH
    assert plan.not_publishing_reason == "Publishing would identify the surviving siblings."
    assert not hasattr(published, "deposit")
    event = AuditEvent.objects.get(verb="report.not_published")
    assert "siblings" not in str(event.data)


def test_publishing_needs_the_review_cleared(cspr, bu) -> None:
    with pytest.raises(DomainError, match="cleared for publication"):
        report_publish(review=cspr, by=bu, **publish_values())


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf_upload(name="report.pdf", content=PNG), "must be a PDF"),
        (pdf_upload(content=b""), "is empty"),
        (pdf_upload(content=b"%PDF-1.7\n this is not really a PDF"), "could not be opened"),
        (None, "Select the report"),
    ],
)
def test_uploads_are_checked_by_their_content(on_the_day, ready, bu, upload, message) -> None:
    """A PNG renamed .pdf is refused, whatever its name or declared type says."""
    with pytest.raises(DomainError, match=message) as refusal:
        report_publish(review=ready, by=bu, **publish_values(uploaded_file=upload))
    assert refusal.value.field == "uploaded_file"
    assert not PublishedReport.objects.exists()


def test_a_large_upload_is_refused(planned, ready, bu, frozen_today) -> None:
    frozen_today.move_to(at(PLANNED))
    big = pdf_upload(content=pdf_bytes() + b"%" * MAX_REPORT_BYTES)
    with pytest.raises(DomainError, match="smaller than 20MB"):
        report_publish(review=ready, by=bu, **publish_values(uploaded_file=big))


@pytest.mark.parametrize("field", ["title", "summary"])
def test_the_public_text_cannot_name_the_case_or_the_child(
    planned, ready, bu, frozen_today, field
) -> None:
    frozen_today.move_to(at(PLANNED))
    for words in (f"About {ready.case.reference}", f"The review of {CHILD_NAME.upper()}"):
        with pytest.raises(DomainError, match="must not include") as refusal:
            report_publish(review=ready, by=bu, **publish_values(**{field: words}))
        assert refusal.value.field == field


def test_publishing_prepares_the_repository_deposit(published, world) -> None:
    deposit = published.deposit
    assert deposit.prepared_on == PLANNED
    assert deposit.sent_on is None
    metadata = deposit.metadata
    assert metadata["partnership"] == world.partnership.name
    assert metadata["title"] == "Child R: a local child safeguarding practice review"
    assert metadata["year"] == 2026
    assert metadata["review_type"] == "Local child safeguarding practice review"
    assert metadata["publication_date"] == "2026-03-16"
    assert metadata["public_page"].endswith(f"/published/northshire-test/{published.pk}/")
    email = deposit.covering_email
    assert "library@nspcc.org.uk" in email
    assert "national case review repository" in email
    assert world.partnership.name in email
    assert published.review.case.reference not in email + str(metadata)
    assert CHILD_NAME not in email


def test_the_deposit_is_marked_sent(published, bu, frozen_today) -> None:
    deposit = published.deposit
    with pytest.raises(DomainError, match="today or in the past"):
        deposit_mark_sent(deposit=deposit, by=bu, sent_on=dt.date(2026, 3, 17))
    with pytest.raises(DomainError, match="on or after Monday 16 March 2026"):
        deposit_mark_sent(deposit=deposit, by=bu, sent_on=dt.date(2026, 3, 13))
    deposit_mark_sent(deposit=deposit, by=bu, sent_on=PLANNED)
    deposit.refresh_from_db()
    assert (deposit.sent_on, deposit.sent_by) == (PLANNED, bu)
    with pytest.raises(DomainError, match="already recorded as sent"):
        deposit_mark_sent(deposit=deposit, by=bu, sent_on=PLANNED)


def test_each_step_is_audited_with_ids_only(published, bu, world) -> None:
    deposit_mark_sent(deposit=published.deposit, by=bu, sent_on=PLANNED)
    verbs = list(
        AuditEvent.objects.filter(partnership=world.partnership)
        .exclude(action="view")
        .values_list("verb", flat=True)
    )
    for verb in (
        "publication_plan.created",
        "prepublication_copy.recorded",
        "report.published",
        "repository_deposit.sent",
    ):
        assert verb in verbs
    event = AuditEvent.objects.get(verb="report.published")
    assert event.actor == bu
    assert event.data == {
        "review": published.review_id,
        "deposit": published.deposit.pk,
        "rule": "PUBLISH-LOCAL",
    }
