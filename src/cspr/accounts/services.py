"""Writes about people's accounts: invitations and notices. Two-factor sign-in is in
``two_factor.py``."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cspr.accounts.models import User


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
