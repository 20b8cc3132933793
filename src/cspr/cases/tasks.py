"""Background work for cases. Tasks take ids, re-read the rows, and send nothing personal:
e-mails carry the case reference and pseudonym only. Each e-mail about an event is sent once,
however often the task runs (``core.tasks.do_once``)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.core.tasks import do_once
from cspr.partnerships.models import Membership, Role


@task()
def tell_business_unit_of_referral(*, case_id: int) -> None:
    from cspr.cases.models import Case  # noqa: PLC0415

    case = Case.objects.select_related("partnership").filter(pk=case_id).first()
    if case is None:
        return
    recipients = list(
        Membership.objects.current()
        .filter(partnership=case.partnership, role=Role.BUSINESS_UNIT, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    link = settings.CSPR_BASE_URL + reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    context = {"case": case, "link": link}
    do_once(
        f"cases.referral_told:{case.pk}",
        lambda: send_mail(
            subject=f"New referral {case.reference}: triage needed",
            message=render_to_string("cases/email/referral.txt", context),
            from_email=None,
            recipient_list=recipients,
        ),
    )
