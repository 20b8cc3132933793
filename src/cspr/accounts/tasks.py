"""Background work for accounts. Tasks take ids, re-read the rows and call a service."""

from django.tasks import task

from cspr.accounts.services import invitation_send


@task()
def send_invitation(*, user_id: int) -> None:
    invitation_send(user_id=user_id)
