"""To the Panel and back (RAPID-REVIEW, PANEL-RESPONSE)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.clock.selectors import partnership_due_date
from cspr.core.errors import DomainError, StaleEdit
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.models import PanelResponse, RapidReview
from cspr.rapid_reviews.services._common import bump, locked


def rapid_review_due(rapid_review: RapidReview) -> dt.date:
    case = rapid_review.case
    return partnership_due_date(
        partnership=case.partnership, rule_id="RAPID-REVIEW", start=case.rapid_review_clock_start
    )


@transaction.atomic
def lateness_record(
    *,
    rapid_review: RapidReview,
    by: User,
    reason: str,
    expected_on: dt.date,
    expected_version: int | None = None,
) -> RapidReview:
    """A Rapid Review that will miss RAPID-REVIEW: why, and when the Panel will have it. Said
    again, it replaces what was said; ``expected_version`` refuses a change made from a page
    someone has since saved (``StaleEdit``)."""
    rapid_review = locked(rapid_review)
    if expected_version is not None and rapid_review.version != expected_version:
        raise StaleEdit(
            "Someone else saved this Rapid Review after you opened this page. Your changes "
            "have not been saved yet: compare them with what is saved now, then save again."
        )
    workflow.review_next(rapid_review.state, "record_lateness")
    if not reason.strip():
        raise DomainError("Enter why the Rapid Review is late", field="reason")
    if expected_on < timezone.localdate():
        raise DomainError(
            "The date the Panel will have it must be today or later", field="expected_on"
        )
    rapid_review.late_reason = reason.strip()
    rapid_review.expected_on = expected_on
    bump(rapid_review, "late_reason", "expected_on")
    audit_record(
        by=by,
        verb="rapid_review.lateness_recorded",
        obj=rapid_review,
        partnership_id=rapid_review.case.partnership_id,
    )
    return rapid_review


@transaction.atomic
def rapid_review_send_to_panel(
    *, rapid_review: RapidReview, by: User, sent_on: dt.date, late_reason: str = ""
) -> RapidReview:
    rapid_review = locked(rapid_review)
    rapid_review.state = workflow.review_next(rapid_review.state, "send_to_panel")
    if sent_on > timezone.localdate():
        raise DomainError("The date sent must be today or in the past", field="sent_on")
    if sent_on < rapid_review.started_on:
        raise DomainError(
            "The date sent must be on or after the day the Rapid Review started", field="sent_on"
        )
    due = rapid_review_due(rapid_review)
    reason = late_reason.strip() or rapid_review.late_reason
    if sent_on > due and not reason:
        raise DomainError(
            f"The Rapid Review was due by {due:%-d %B %Y} (RAPID-REVIEW). Enter why it was late.",
            field="late_reason",
        )
    rapid_review.sent_to_panel_on = sent_on
    rapid_review.late_reason = reason if sent_on > due else rapid_review.late_reason
    bump(rapid_review, "state", "sent_to_panel_on", "late_reason")
    audit_record(
        by=by,
        verb="rapid_review.sent_to_panel",
        obj=rapid_review,
        partnership_id=rapid_review.case.partnership_id,
    )
    return rapid_review


@transaction.atomic
def panel_response_record(
    *, rapid_review: RapidReview, by: User, response: str, responded_on: dt.date, note: str = ""
) -> RapidReview:
    """The Panel's response (expected within PANEL-RESPONSE; shown, not enforced)."""
    rapid_review = locked(rapid_review)
    rapid_review.state = workflow.review_next(rapid_review.state, "record_panel_response")
    if response not in PanelResponse.values:
        raise DomainError("Select the Panel's response", field="response")
    assert rapid_review.sent_to_panel_on is not None  # noqa: S101 (the workflow guarantees it)
    if responded_on < rapid_review.sent_to_panel_on or responded_on > timezone.localdate():
        raise DomainError(
            "The date of the response must be between the day the Rapid Review was sent and today",
            field="responded_on",
        )
    rapid_review.panel_response = response
    rapid_review.panel_response_on = responded_on
    rapid_review.panel_response_note = note.strip()
    bump(rapid_review, "state", "panel_response", "panel_response_on", "panel_response_note")
    audit_record(
        by=by,
        verb="rapid_review.panel_response_recorded",
        obj=rapid_review,
        partnership_id=rapid_review.case.partnership_id,
        data={"response": response},
    )
    return rapid_review
