"""The planned publication date, the copies sent before it (PRE-PUBLICATION) and delays
(PUBLISH-DELAY)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.models import save_versioned
from cspr.publication.models import (
    DelayReason,
    PrepublicationCopy,
    PublicationDelay,
    PublicationPlan,
    Recipient,
)
from cspr.publication.selectors import PRE_PUBLICATION, clock_of, long_date
from cspr.publication.services.base import audit, locked
from cspr.publication.workflow import require_planning
from cspr.reviews.models import Review

STALE_PLAN = (
    "Someone else saved the publication plan after you opened this page. Your changes have not "
    "been saved yet: compare them with what is saved now, then save again to keep yours."
)


@transaction.atomic
def plan_set(
    *,
    review: Review,
    by: User,
    planned_on: dt.date,
    copies_late_reason: str = "",
    expected_version: int | None = None,
) -> PublicationPlan:
    """Set or change the planned publication date. Any date from today is accepted; the page
    shows PRE-PUBLICATION's date (7 working days before) and whether it has passed.
    ``expected_version`` is the plan's version the person started from (0: no plan yet); a
    plan someone saved since is not overwritten (``StaleEdit``)."""
    review = locked(review)
    require_planning(review)
    plan = PublicationPlan.objects.filter(review=review).first()
    reason = copies_late_reason.strip()
    moved = plan is None or plan.planned_on != planned_on
    if moved and planned_on < timezone.localdate():
        raise DomainError(
            "The planned publication date must be today or in the future.", field="planned_on"
        )
    if plan is not None and expected_version == 0:
        raise StaleEdit(STALE_PLAN)
    if plan is None:
        plan = PublicationPlan.objects.create(
            review=review, planned_on=planned_on, copies_late_reason=reason
        )
        audit(by, "publication_plan.created", plan, review)
        return plan
    values = {"planned_on": planned_on, "copies_late_reason": reason}
    changed = sorted(name for name, value in values.items() if getattr(plan, name) != value)
    for name, value in values.items():
        setattr(plan, name, value)
    version = plan.version if expected_version is None else expected_version
    save_versioned(plan, expected_version=version, fields=list(values))
    audit(by, "publication_plan.updated", plan, review, fields=changed)
    return plan


def _plan(review: Review) -> PublicationPlan:
    plan = PublicationPlan.objects.select_for_update().filter(review=review).first()
    if plan is None:
        raise DomainError("Set the planned publication date first.")
    return plan


@transaction.atomic
def copy_record(
    *, review: Review, by: User, recipient: str, sent_on: dt.date, late_reason: str = ""
) -> PrepublicationCopy:
    """Record the day the report (or the improvements information) went to the Panel, the
    Secretary of State or Ofsted. After PRE-PUBLICATION's date, say why."""
    review = locked(review)
    require_planning(review)
    plan = _plan(review)
    if recipient not in Recipient.values:
        raise DomainError("Choose who the copy was sent to.")
    if sent_on > timezone.localdate():
        raise DomainError("The date it was sent must be today or in the past.", field="sent_on")
    latest = clock_of(review).due(PRE_PUBLICATION, plan.planned_on)
    reason = late_reason.strip()
    late = sent_on > latest
    if late and not (reason or plan.copies_late_reason.strip()):
        raise DomainError(
            f"That is after {long_date(latest)}, the latest date for the copies "
            "(PRE-PUBLICATION: 7 working days before the planned publication date). "
            "Say why it was sent late.",
            field="late_reason",
        )
    copy, created = PrepublicationCopy.objects.update_or_create(
        plan=plan, recipient=recipient, defaults={"sent_on": sent_on, "sent_by": by}
    )
    if reason:
        plan.copies_late_reason = "\n".join(filter(None, [plan.copies_late_reason, reason]))
        save_versioned(plan, expected_version=plan.version, fields=["copies_late_reason"])
    verb = "prepublication_copy.recorded" if created else "prepublication_copy.updated"
    audit(by, verb, copy, review, recipient=recipient, late=late)
    return copy


def _review_date(review_on: dt.date) -> None:
    if review_on <= timezone.localdate():
        raise DomainError(
            "The date to look at the delay again must be in the future.", field="review_on"
        )


@transaction.atomic
def delay_record(
    *, review: Review, by: User, reason: str, details: str, review_on: dt.date
) -> PublicationDelay:
    """Publication waits (criminal proceedings, an inquest, family proceedings) until the
    delay is ended; the business unit is reminded on ``review_on`` (PUBLISH-DELAY)."""
    review = locked(review)
    require_planning(review)
    if reason not in DelayReason.values:
        raise DomainError("Select why publication is delayed.", field="reason")
    if reason == DelayReason.OTHER and not details.strip():
        raise DomainError("Say why publication is delayed.", field="details")
    _review_date(review_on)
    delay = PublicationDelay.objects.create(
        review=review, reason=reason, details=details.strip(), review_on=review_on, recorded_by=by
    )
    audit(by, "publication_delay.recorded", delay, review, reason=reason)
    return delay


def _open(delay: PublicationDelay) -> tuple[PublicationDelay, Review]:
    delay = (
        PublicationDelay.objects.select_for_update()
        .select_related("review__case__partnership")
        .get(pk=delay.pk)
    )
    if not delay.is_open:
        raise DomainError("This delay has already ended.")
    return delay, delay.review


@transaction.atomic
def delay_reschedule(
    *,
    delay: PublicationDelay,
    by: User,
    review_on: dt.date,
    expected_version: int | None = None,
) -> PublicationDelay:
    """The delay is still needed: a new date to look at it again, with its own reminder.
    Refused (``StaleEdit``) if someone changed the date after this person opened it."""
    delay, review = _open(delay)
    _review_date(review_on)
    delay.review_on = review_on
    delay.reminded_on = None
    save_versioned(
        delay,
        expected_version=delay.version if expected_version is None else expected_version,
        fields=["review_on", "reminded_on"],
    )
    audit(by, "publication_delay.rescheduled", delay, review)
    return delay


@transaction.atomic
def delay_end(*, delay: PublicationDelay, by: User) -> PublicationDelay:
    """Publication no longer waits for this reason."""
    delay, review = _open(delay)
    delay.ended_on = timezone.localdate()
    delay.ended_by = by
    delay.save(update_fields=["ended_on", "ended_by", "updated_at"])
    audit(by, "publication_delay.ended", delay, review)
    return delay
