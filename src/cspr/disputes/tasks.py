"""Background work for differences of opinion. Tasks take ids and re-read the rows; e-mails
carry the case reference and pseudonym and a link, never the child's name."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.core.tasks import do_once
from cspr.disputes.models import Dispute
from cspr.disputes.workflow import Stage
from cspr.partnerships.models import Membership, Role

# Who is told when a dispute reaches a stage (DISPUTE).
TOLD_AT_STAGE = {
    Stage.DISCUSSION: Role.BUSINESS_UNIT,
    Stage.PARTNERS: Role.SAFEGUARDING_PARTNER,
    Stage.MEDIATION: Role.INDEPENDENT_SCRUTINEER,
}


def _dispute(dispute_id: int) -> Dispute | None:
    return Dispute.objects.select_related("case__partnership").filter(pk=dispute_id).first()


def _recipients(dispute: Dispute, role: Role) -> list[str]:
    return list(
        Membership.objects.current()
        .filter(partnership_id=dispute.case.partnership_id, role=role, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _send(dispute: Dispute, *, role: Role, subject: str, template: str, stage: Stage) -> None:
    """Once for each dispute and stage, however often the task runs (``core.tasks``)."""
    recipients = _recipients(dispute, role)
    if not recipients:
        return
    case = dispute.case
    link = settings.CSPR_BASE_URL + reverse(
        "disputes:detail",
        kwargs={"partnership_slug": case.partnership.slug, "dispute_id": dispute.pk},
    )
    context = {"dispute": dispute, "case": case, "link": link, "stage": stage}
    do_once(
        f"disputes.told:{dispute.pk}:{int(stage)}",
        lambda: send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=recipients,
        ),
    )


@task()
def tell_business_unit_of_dispute(*, dispute_id: int) -> None:
    """A difference of opinion has been raised: the business unit arranges the discussion."""
    dispute = _dispute(dispute_id)
    if dispute is None:
        return
    _send(
        dispute,
        role=TOLD_AT_STAGE[Stage.DISCUSSION],
        subject=f"Difference of opinion raised on {dispute.case.reference}",
        template="disputes/email/raised.txt",
        stage=Stage.DISCUSSION,
    )


@task()
def tell_of_escalation(*, dispute_id: int, stage: int) -> None:
    """The dispute has moved to ``stage``: tell the safeguarding partners (stage 2) or the
    independent scrutineer (stage 3)."""
    dispute = _dispute(dispute_id)
    if dispute is None:
        return
    reached = Stage(stage)
    _send(
        dispute,
        role=TOLD_AT_STAGE[reached],
        subject=f"Difference of opinion on {dispute.case.reference}: {reached.label.lower()}",
        template="disputes/email/escalated.txt",
        stage=reached,
    )
