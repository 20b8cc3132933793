"""Background work for accounts. Tasks take ids, re-read the rows and call a service."""

from django.tasks import task

from cspr.accounts.services import invitation_send, two_factor_reset_notice_send
from cspr.partnerships.models import Partnership


@task()
def send_invitation(*, user_id: int) -> None:
    invitation_send(user_id=user_id)


@task()
def send_two_factor_reset_notice(*, user_id: int, partnership_id: int) -> None:
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    two_factor_reset_notice_send(
        user_id=user_id, partnership_name=partnership.name if partnership else ""
    )
