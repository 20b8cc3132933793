"""Sign-in, sign-in failures and sign-out go to the audit trail."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from cspr.accounts.models import User
from cspr.audit.services import audit_record


@receiver(user_logged_in)
def record_sign_in(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(by=user, verb="user.signed_in", obj=user)


@receiver(user_logged_out)
def record_sign_out(sender: object, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(by=user, verb="user.signed_out", obj=user)


@receiver(user_login_failed)
def record_sign_in_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Record the failure against the account if there is one; never store what was typed."""
    email = str(credentials.get("username") or credentials.get("email") or "")
    user = User.objects.filter(email__iexact=email).first() if email else None
    audit_record(by=None, verb="user.sign_in_failed", obj=user)
