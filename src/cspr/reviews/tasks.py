"""Background work for reviews. Tasks take ids, re-read the rows, and send nothing personal:
e-mails carry the case reference and pseudonym only. Each e-mail about an event is sent once,
however often the task runs (``core.tasks.do_once``)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.core.tasks import do_once


@task()
def tell_reviewer_of_commission(*, commission_id: int) -> None:
    """The reviewer is told they have been commissioned, for which case and for how long, with
    the link to the review (their access starts on the commission's first day)."""
    from cspr.reviews.models import Commission  # noqa: PLC0415

    commission = (
        Commission.objects.select_related("reviewer", "review__case__partnership")
        .filter(pk=commission_id)
        .first()
    )
    if commission is None or not commission.reviewer.is_active:
        return
    case = commission.review.case
    link = settings.CSPR_BASE_URL + reverse(
        "reviews:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    context = {"commission": commission, "case": case, "link": link}
    do_once(
        f"reviews.reviewer_commissioned:{commission.pk}",
        lambda: send_mail(
            subject=f"You are commissioned to review {case.reference}",
            message=render_to_string("reviews/email/commissioned.txt", context),
            from_email=None,
            recipient_list=[commission.reviewer.email],
        ),
    )
