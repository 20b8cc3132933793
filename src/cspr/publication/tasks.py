"""Background work for publication: reminders to look at a delay again (PUBLISH-DELAY). Tasks
take ids or dates, re-read the rows and send nothing personal: the case reference, pseudonym,
the kind of delay and a link, never the delay's details."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.partnerships.models import Membership, Role
from cspr.publication.models import PublicationDelay
from cspr.publication.selectors import delay_reminders_due


def _business_unit_emails(partnership_id: int) -> list[str]:
    return list(
        Membership.objects.current()
        .filter(user__is_active=True, role=Role.BUSINESS_UNIT, partnership_id=partnership_id)
        .values_list("user__email", flat=True)
        .distinct()
    )


@task()
def send_publication_delay_reminders(*, today: str) -> int:
    """E-mail the business unit on each open delay's date to look at it again. Idempotent:
    each reminder is claimed with a conditional UPDATE in the transaction that sends it, so
    running this twice sends nothing twice, and one whose sending failed is not marked and goes
    next time; a new date (``delay_reschedule``) earns a new reminder."""
    on = dt.date.fromisoformat(today)
    sent = 0
    for delay in delay_reminders_due(on):
        with transaction.atomic():
            claimed = PublicationDelay.objects.filter(
                pk=delay.pk, reminded_on__isnull=True, ended_on__isnull=True
            ).update(reminded_on=on)
            if not claimed:
                continue
            _remind(delay)
        sent += 1
    return sent


def _remind(delay: PublicationDelay) -> None:
    case = delay.review.case
    recipients = _business_unit_emails(case.partnership_id)
    if recipients:
        link = settings.CSPR_BASE_URL + reverse(
            "publication:detail",
            kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
        )
        send_mail(
            subject=f"Publication of {case.reference}: look at the delay again",
            message=render_to_string(
                "publication/email/delay_reminder.txt",
                {"case": case, "delay": delay, "link": link},
            ),
            from_email=None,
            recipient_list=recipients,
        )
