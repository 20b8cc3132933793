"""Signing in by e-mail, the lock-out after repeated failures, the idle timeout, signing out
and setting a password by e-mail."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from tests.accounts.helpers import SIGN_IN, sign_in, sign_in_fully
from tests.conftest import PartnershipWorld


def test_a_person_signs_in_with_their_email_address_in_any_case(world: PartnershipWorld) -> None:
    person = world.person("business_unit")
    client = Client()
    response = sign_in(client, person.email.upper())
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code in {200, 302}
    assert AuditEvent.objects.filter(verb="user.signed_in", actor=person).exists()


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_email(
    world: PartnershipWorld,
) -> None:
    person = world.person("business_unit")
    response = sign_in(Client(), person.email, "not the password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter a correct e-mail address and password" in page
    assert f'value="{person.email}"' in page
    failed = AuditEvent.objects.get(verb="user.sign_in_failed")
    assert failed.object_id == str(person.pk)
    assert person.email not in str(failed.data)


def test_empty_sign_in_form_says_what_is_missing(db: None) -> None:
    page = Client().post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your e-mail address" in page
    assert "Enter your password" in page


def test_sign_in_is_locked_after_five_failures_even_with_the_right_password(
    world: PartnershipWorld,
) -> None:
    person = world.person("reviewer")
    client = Client()
    for _ in range(4):
        assert sign_in(client, person.email, "wrong").status_code == 200
    locked = sign_in(client, person.email, "wrong")
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.content.decode()
    assert sign_in(client, person.email).status_code == 429


def test_the_lock_out_ends_after_the_cool_off(world: PartnershipWorld) -> None:
    person = world.person("reviewer")
    client = Client()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(5):
            sign_in(client, person.email, "wrong")
        assert sign_in(client, person.email).status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        assert sign_in(client, person.email).status_code == 302


def test_the_session_ends_after_thirty_minutes_idle(world: PartnershipWorld) -> None:
    client = Client()
    url = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        sign_in_fully(client, world.person("business_unit"))
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(url).status_code == 200  # activity keeps the session alive
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(url).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_signing_out_ends_the_session(world: PartnershipWorld) -> None:
    person = world.person("business_unit")
    client = Client()
    sign_in(client, person.email)
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(verb="user.signed_out", actor=person).exists()


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_never_says_whether_an_address_is_known(
    world: PartnershipWorld, known: bool
) -> None:
    email = world.person("reviewer").email if known else "nobody@example.org"
    response = Client().post(reverse("accounts:password-reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == (1 if known else 0)


def test_a_person_gets_at_most_three_reset_links_an_hour(world: PartnershipWorld) -> None:
    """The public form cannot flood someone's inbox; the page says the same every time, and
    each link sent is in the audit trail."""
    person = world.person("reviewer")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(5):
            response = Client().post(reverse("accounts:password-reset"), {"email": person.email})
            assert response["Location"] == reverse("accounts:password-reset-sent")
        assert len(mail.outbox) == 3
        sent = AuditEvent.objects.filter(verb="password_reset.link_sent", object_id=str(person.pk))
        assert sent.count() == 3
        clock.move_to(dt.datetime(2026, 3, 2, 10, 1, tzinfo=dt.UTC))
        Client().post(reverse("accounts:password-reset"), {"email": person.email.upper()})
        assert len(mail.outbox) == 4


def test_a_password_set_by_the_emailed_link_signs_in(world: PartnershipWorld) -> None:
    person = world.person("reviewer")
    client = Client()
    client.post(reverse("accounts:password-reset"), {"email": person.email})
    link = re.search(r"http://\S+", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("127.0.0.1:8000", 1)[1]
    form_page = client.get(path, follow=True)
    new_password = "a long and new passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert sign_in(Client(), person.email, new_password).status_code == 302


def test_passwords_are_hashed_with_argon2_in_production_settings() -> None:
    from cspr.settings import base  # noqa: PLC0415

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
