"""Writes about people's accounts: invitations, notices and password-reset links. Two-factor
sign-in is in ``two_factor.py``."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cspr.accounts.models import User
from cspr.audit.models import AuditEvent
from cspr.audit.services import audit_record

# A password-reset link is e-mailed to one person at most this often an hour, so that the
# public form cannot be used to flood someone's inbox. The page says the same either way.
RESET_LINKS_PER_HOUR = 3
RESET_LINK_SENT = "password_reset.link_sent"


@transaction.atomic
def password_reset_recipients(email: str) -> list[User]:
    """The people a reset link for ``email`` goes to: active people with that address
    (invited people who have not set a password yet too) who have not had
    ``RESET_LINKS_PER_HOUR`` links in the last hour. Each link about to be sent is audited."""
    people = list(User.objects.filter(email__iexact=email, is_active=True))
    since = timezone.now() - dt.timedelta(hours=1)
    recent = set(
        AuditEvent.objects.filter(
            verb=RESET_LINK_SENT,
            object_type=User._meta.label_lower,
            object_id__in=[str(person.pk) for person in people],
            occurred_at__gte=since,
        )
        .values("object_id")
        .annotate(links=Count("id"))
        .filter(links__gte=RESET_LINKS_PER_HOUR)
        .values_list("object_id", flat=True)
    )
    allowed = [person for person in people if str(person.pk) not in recent]
    for person in allowed:
        audit_record(by=None, verb=RESET_LINK_SENT, obj=person)
    return allowed


def password_set_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.CSPR_BASE_URL}{path}"


def invitation_send(*, user_id: int) -> None:
    """E-mail a newly added person a link to set their password. Called after commit."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {"user": user, "link": password_set_link(user), "service_name": settings.SERVICE_NAME}
    send_mail(
        subject=f"You have been given access to {settings.SERVICE_NAME}",
        message=render_to_string("accounts/email/invitation.txt", context),
        html_message=render_to_string("accounts/email/invitation.html", context),
        from_email=None,
        recipient_list=[user.email],
    )


def two_factor_reset_notice_send(*, user_id: int, partnership_name: str) -> None:
    """Tell a person an administrator reset their two-factor sign-in. Called after commit."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {
        "user": user,
        "partnership_name": partnership_name,
        "service_name": settings.SERVICE_NAME,
        "link": f"{settings.CSPR_BASE_URL}{reverse('accounts:sign-in')}",
    }
    send_mail(
        subject=f"Your two-factor sign-in for {settings.SERVICE_NAME} was reset",
        message=render_to_string("accounts/email/two_factor_reset.txt", context),
        html_message=render_to_string("accounts/email/two_factor_reset.html", context),
        from_email=None,
        recipient_list=[user.email],
    )
