"""A wrong code makes the next try wait (django-otp's throttling: 1, 2, 4 ... seconds per
failure in a row), even with the right code; failures are audited without what was typed."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from cspr.accounts.two_factor import _replace_recovery_codes, current_code
from cspr.audit.models import AuditEvent
from tests.accounts.helpers import SECURITY_CODE, authenticator_for, sign_in
from tests.conftest import PartnershipWorld

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_codes_make_the_next_try_wait(world: PartnershipWorld) -> None:
    person = world.person("agency_lead")
    device = authenticator_for(person)
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, person.email)
        right = current_code(device.key)
        for _ in range(3):
            page = client.post(SECURITY_CODE, {"code": wrong(right)}).content.decode()
            assert "The security code is not right" in page or "Wait" in page
            clock.shift(dt.timedelta(seconds=5))
        for _ in range(3):
            client.post(SECURITY_CODE, {"code": wrong(right)})
        # Six failures in a row: the next try must wait 32 seconds, whatever is typed.
        clock.shift(dt.timedelta(seconds=1))
        right = current_code(device.key)
        page = client.post(SECURITY_CODE, {"code": right}).content.decode()
        assert "You have entered a wrong code too many times" in page
        assert "govuk-error-summary" in page
        clock.shift(dt.timedelta(seconds=40))
        response = client.post(SECURITY_CODE, {"code": current_code(device.key)})
    assert response.status_code == 302
    failures = AuditEvent.objects.filter(verb="two_factor.sign_in_failed")
    assert failures.count() >= 4
    assert failures.filter(data__throttled=True).exists()
    assert all(right not in str(event.data) for event in failures)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # reset by the right code


def test_recovery_codes_are_throttled_too(world: PartnershipWorld) -> None:
    person = world.person("agency_lead")
    authenticator_for(person)
    codes = _replace_recovery_codes(person)
    client = Client()
    with time_machine.travel(START, tick=False):
        sign_in(client, person.email)
        recovery = reverse("accounts:two-factor-recovery")
        client.post(recovery, {"code": "zzzz zzzz"})
        page = client.post(recovery, {"code": codes[0]}).content.decode()
    assert "Wait 1 second, then try again" in page


def test_a_long_wait_is_given_in_minutes(world: PartnershipWorld) -> None:
    person = world.person("agency_lead")
    device = authenticator_for(person)
    client = Client()
    with time_machine.travel(START, tick=False):
        sign_in(client, person.email)
        device.throttling_failure_count = 10  # the next try waits 2**9 = 512 seconds
        device.throttling_failure_timestamp = START
        device.save()
        page = client.post(SECURITY_CODE, {"code": current_code(device.key)}).content.decode()
    assert "Wait 9 minutes, then try again" in page
