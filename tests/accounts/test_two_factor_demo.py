"""Development only: the demo people get an authenticator app with the fictional demo key, and
``manage.py demo_code EMAIL`` prints its code; neither works with DEBUG off."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.demo import (
    DEMO_AUTHENTICATOR_KEY_HEX,
    demo_key_for_people,
    give_demo_authenticators,
)
from cspr.accounts.two_factor import current_code
from cspr.partnerships.management.commands.seed_demo import DEFAULT_DEMO_PASSWORD
from tests.accounts.helpers import SECURITY_CODE, sign_in


def test_seed_demo_in_development_gives_everyone_the_demo_key(db: None, settings, capsys) -> None:
    settings.DEBUG = True
    settings.CSPR_PRINT_DEMO_PASSWORDS = True
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert demo_key_for_people() in output
    assert "demo_code" in output
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert devices.count() == 9
    assert {device.key for device in devices} == {DEMO_AUTHENTICATOR_KEY_HEX}

    client = Client()
    sign_in(client, "admin@northshire.example", DEFAULT_DEMO_PASSWORD)
    response = client.post(SECURITY_CODE, {"code": current_code(DEMO_AUTHENTICATOR_KEY_HEX)})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_seed_demo_outside_development_gives_no_known_key(db: None) -> None:
    call_command("seed_demo")
    assert not TOTPDevice.objects.exists()


def test_demo_authenticators_refuse_without_debug(db: None) -> None:
    with pytest.raises(RuntimeError):
        give_demo_authenticators(emails=["admin@northshire.example"])


def test_demo_code_prints_the_code_in_development_only(db: None, settings, capsys) -> None:
    settings.DEBUG = True
    settings.CSPR_PRINT_DEMO_PASSWORDS = True
    call_command("seed_demo")
    capsys.readouterr()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 10, tzinfo=dt.UTC), tick=False):
        call_command("demo_code", "Admin@Northshire.example")
        printed = capsys.readouterr().out.splitlines()
        assert printed[0] == current_code(DEMO_AUTHENTICATOR_KEY_HEX)
    assert printed[1] == "(changes in 20 seconds; each code signs in once)"

    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_code", "admin@northshire.example")


def test_demo_code_says_when_there_is_no_app(db: None, settings) -> None:
    settings.DEBUG = True
    with pytest.raises(CommandError, match="no authenticator app"):
        call_command("demo_code", "nobody@northshire.example")
