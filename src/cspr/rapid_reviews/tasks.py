"""Background work for Rapid Reviews: e-mails and reminders. Tasks take ids, re-read the rows
and send nothing personal: e-mails carry the case reference and pseudonym and a link. Each runs
safely twice: an e-mail about an event is sent once for the record's state it was about
(``core.tasks.do_once``, keyed by the record's version where the event can recur), and a
reminder is claimed in the transaction that sends it."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.core.tasks import do_once
from cspr.partnerships.models import Membership, Role
from cspr.rapid_reviews.criteria import NEXT_STEPS, Outcome
from cspr.rapid_reviews.models import Invitation, RapidReview, ScopingReturn
from cspr.rapid_reviews.selectors import reminders_due, scoping_return_due


def _emails(**filters: object) -> list[str]:
    return list(
        Membership.objects.current()
        .filter(user__is_active=True, **filters)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _send(template: str, subject: str, recipients: list[str], **context: object) -> None:
    if recipients:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=recipients,
        )


def _send_once(
    key: str, template: str, subject: str, recipients: list[str], **context: object
) -> None:
    do_once(key, lambda: _send(template, subject, recipients, **context))


def _link(name: str, **kwargs: object) -> str:
    return settings.CSPR_BASE_URL + reverse(name, kwargs=kwargs)


@task()
def send_invitation_to_agency(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("agency", "rapid_review__case__partnership")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    case = invitation.rapid_review.case
    _send_once(
        f"rapid_reviews.invited:{invitation.pk}",
        "rapid_reviews/email/invitation.txt",
        f"Scoping return needed for {case.reference}",
        _emails(role=Role.AGENCY_LEAD, agency=invitation.agency),
        case=case,
        agency=invitation.agency,
        due=scoping_return_due(invitation),
        link=_link(
            "rapid_reviews:return",
            partnership_slug=case.partnership.slug,
            reference=case.reference,
            invitation_id=invitation.pk,
        ),
    )


@task()
def tell_agency_return_sent_back(*, scoping_return_id: int) -> None:
    item = (
        ScopingReturn.objects.select_related(
            "invitation__agency", "invitation__rapid_review__case__partnership"
        )
        .filter(pk=scoping_return_id)
        .first()
    )
    if item is None:
        return
    case = item.invitation.rapid_review.case
    _send_once(
        f"rapid_reviews.return_sent_back:{item.pk}:{item.version}",
        "rapid_reviews/email/returned.txt",
        f"Scoping return for {case.reference} returned for changes",
        _emails(role=Role.AGENCY_LEAD, agency=item.invitation.agency),
        case=case,
        link=_link(
            "rapid_reviews:return",
            partnership_slug=case.partnership.slug,
            reference=case.reference,
            invitation_id=item.invitation_id,
        ),
    )


def _review(rapid_review_id: int) -> RapidReview | None:
    return (
        RapidReview.objects.select_related("case__partnership").filter(pk=rapid_review_id).first()
    )


@task()
def ask_partners_to_decide(*, rapid_review_id: int) -> None:
    review = _review(rapid_review_id)
    if review is None:
        return
    case = review.case
    _send_once(
        f"rapid_reviews.asked_to_decide:{review.pk}:{review.version}",
        "rapid_reviews/email/decide.txt",
        f"Rapid Review {case.reference}: confirm or challenge the recommendation",
        _emails(role=Role.SAFEGUARDING_PARTNER, partnership=case.partnership),
        case=case,
        link=_link(
            "rapid_reviews:decide", partnership_slug=case.partnership.slug, reference=case.reference
        ),
    )


@task()
def tell_business_unit_of_challenge(*, rapid_review_id: int) -> None:
    review = _review(rapid_review_id)
    if review is None:
        return
    case = review.case
    _send_once(
        f"rapid_reviews.challenge_told:{review.pk}:{review.version}",
        "rapid_reviews/email/challenged.txt",
        f"Rapid Review {case.reference}: a partner challenged the recommendation",
        _emails(role=Role.BUSINESS_UNIT, partnership=case.partnership),
        case=case,
        link=_link(
            "rapid_reviews:detail", partnership_slug=case.partnership.slug, reference=case.reference
        ),
    )


@task()
def tell_contributors_of_outcome(*, rapid_review_id: int) -> None:
    """Contributors who hear nothing stop contributing: tell each invited agency the outcome."""
    review = _review(rapid_review_id)
    if review is None:
        return
    case = review.case
    agency_ids = list(review.invitations.values_list("agency_id", flat=True))
    outcome = Outcome(review.recommended_outcome)
    _send_once(
        f"rapid_reviews.outcome_told:{review.pk}:{review.version}",
        "rapid_reviews/email/outcome.txt",
        f"Rapid Review {case.reference}: the outcome",
        _emails(role=Role.AGENCY_LEAD, agency_id__in=agency_ids),
        case=case,
        outcome=outcome.label,
        next_steps=NEXT_STEPS[outcome],
    )


@task()
def send_scoping_reminders(*, today: str) -> int:
    """Remind agencies two working days before their SCOPING-RETURN deadline and on the day.
    Idempotent: each reminder is claimed (marked as sent) in the transaction that sends it, so
    it is never sent twice, and one whose sending failed is not marked and goes next time."""
    sent = 0
    on = dt.date.fromisoformat(today)
    for invitation, which in reminders_due(on):
        with transaction.atomic():
            field = "reminded_before_on" if which == "before" else "reminded_on_day_on"
            claimed = Invitation.objects.filter(
                pk=invitation.pk, **{f"{field}__isnull": True}
            ).update(**{field: on})
            if not claimed:
                continue
            case = invitation.rapid_review.case
            _send(
                "rapid_reviews/email/reminder.txt",
                f"Scoping return for {case.reference} due "
                + ("today" if which == "on_day" else "in 2 working days"),
                _emails(role=Role.AGENCY_LEAD, agency_id=invitation.agency_id),
                case=case,
                which=which,
                link=_link(
                    "rapid_reviews:return",
                    partnership_slug=case.partnership.slug,
                    reference=case.reference,
                    invitation_id=invitation.pk,
                ),
            )
        sent += 1
    return sent
