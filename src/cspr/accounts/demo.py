"""Development only: the demo people need a way past two-factor sign-in. Each is given an
authenticator app with one fixed, fictional key, printed by ``seed_demo`` and in the README, so
any authenticator app (or ``manage.py demo_code EMAIL``) shows the code. Never in production:
``seed_demo`` calls this only where it prints the demo passwords, and it refuses unless
``DEBUG`` is on."""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.models import User
from cspr.accounts.two_factor import (
    AUTHENTICATOR_NAME,
    TOTP_DIGITS,
    TOTP_STEP,
    TOTP_TOLERANCE,
    key_for_people,
    key_from_text,
)

# "Northshire demo key, not a secret": base32, as typed into an authenticator app.
DEMO_AUTHENTICATOR_KEY = "NORTHSHIREDEMOKEYNOTASECRET23456"
DEMO_AUTHENTICATOR_KEY_HEX = key_from_text(DEMO_AUTHENTICATOR_KEY)


def demo_key_for_people() -> str:
    return key_for_people(DEMO_AUTHENTICATOR_KEY_HEX)


@transaction.atomic
def give_demo_authenticators(*, emails: list[str]) -> int:
    """Give each demo person without an authenticator app one with the demo key; returns how
    many were given. Someone who set up their own keeps it."""
    if not settings.DEBUG:
        raise RuntimeError("Demo authenticators are for development only (DEBUG is off).")
    given = 0
    for user in User.objects.filter(email__in=[email.lower() for email in emails]):
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            continue
        TOTPDevice.objects.create(
            user=user,
            name=AUTHENTICATOR_NAME,
            key=DEMO_AUTHENTICATOR_KEY_HEX,
            step=TOTP_STEP,
            digits=TOTP_DIGITS,
            tolerance=TOTP_TOLERANCE,
            confirmed=True,
        )
        given += 1
    return given
