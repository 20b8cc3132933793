"""Background work for accounts. Tasks take ids, re-read the rows and call a service."""

from django.tasks import task

from cspr.accounts.models import User
from cspr.accounts.services import invitation_send, two_factor_reset_notice_send
from cspr.core.tasks import do_once
from cspr.partnerships.models import Partnership


@task()
def send_invitation(*, user_id: int) -> None:
    """Once for each new person, however often it runs (``core.tasks.do_once``)."""
    do_once(f"accounts.invited:{user_id}", lambda: invitation_send(user_id=user_id))


@task()
def send_two_factor_reset_notice(*, user_id: int, partnership_id: int) -> None:
    """Once for each reset (each sets ``signed_out_everywhere_at``)."""
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    reset_at = (
        User.objects.filter(pk=user_id).values_list("signed_out_everywhere_at", flat=True).first()
    )
    do_once(
        f"accounts.two_factor_reset_told:{user_id}:{reset_at}",
        lambda: two_factor_reset_notice_send(
            user_id=user_id, partnership_name=partnership.name if partnership else ""
        ),
    )
