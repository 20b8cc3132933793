"""Signing in through the real pages, both steps: the password, then the code from the
person's authenticator app (computed here from the device's key, as the app would)."""

import re

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.models import User
from cspr.accounts.two_factor import current_code, key_from_text
from tests.factories import TEST_PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SECURITY_CODE = reverse("accounts:two-factor-verify")
SET_UP = reverse("accounts:two-factor-set-up")


def sign_in(client: Client, email: str, password: str = TEST_PASSWORD) -> HttpResponse:
    """The password step only."""
    return client.post(SIGN_IN, {"username": email, "password": password})


def authenticator_for(user: User) -> TOTPDevice:
    """The person's authenticator app, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator")


def fresh_code(device: TOTPDevice) -> str:
    """The code the app shows now. A code is accepted once, so a test that signs the same
    person in twice within 30 seconds forgets the last one used, as if time had passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return current_code(device.key)


def sign_in_fully(client: Client, user: User, *, next_url: str = "") -> HttpResponse:
    """The password, then the security code; returns the response to the code."""
    device = authenticator_for(user)
    sign_in(client, user.email)
    url = f"{SECURITY_CODE}?next={next_url}" if next_url else SECURITY_CODE
    return client.post(url, {"code": fresh_code(device)})


def key_on_page(html: str) -> str:
    """The hex secret behind the text key a set-up page shows (``ABCD EFGH ...``)."""
    found = re.search(r'id="two-factor-key">(.*?)</p>', html, flags=re.S)
    assert found, "No key on the page"
    text = re.sub(r"<[^>]+>", " ", found.group(1)).replace("Key:", "")
    return key_from_text(text)


def codes_on_page(html: str) -> list[str]:
    """The recovery codes a page shows."""
    found = re.search(r'id="recovery-codes">(.*?)</ol>', html, flags=re.S)
    return re.findall(r"<li>([^<]+)</li>", found.group(1)) if found else []
