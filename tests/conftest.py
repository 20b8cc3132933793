"""Shared fixtures: a partnership with one person per role, and a client signed in as any of
them (``client_as("agency_lead")``).

``Client.force_login`` means "fully signed in": the person is given an authenticator app if they
have none, and the session is marked as verified by it (two-factor sign-in). A test of the
second step itself marks itself ``without_second_factor``, or signs in through the real pages.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.models import User
from cspr.clock.calendar_sync import forget_loaded
from cspr.learning.models import Theme
from cspr.learning.seeding import seed_themes
from cspr.partnerships.models import Partnership, Role, StatutoryPartner
from cspr.statutory.calendar import set_extra_bank_holidays
from tests.factories import AgencyFactory, MembershipFactory, PartnershipFactory, UserFactory

pytest_plugins = [
    "tests.fixtures.cases",
    "tests.fixtures.rapid_reviews",
    "tests.fixtures.reviews",
    "tests.fixtures.library",
]

ROLES = [role.value for role in Role]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "without_second_factor: Client.force_login signs in with the password step only",
    )


def give_second_factor(client: Client, user: User) -> TOTPDevice:
    """Mark the client's session as verified by the person's authenticator app, creating a
    confirmed one (with a random key) if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if request.node.get_closest_marker("without_second_factor"):
        return
    password_only = Client.force_login

    def force_login(self: Client, user: User, backend: str | None = None) -> None:
        password_only(self, user, backend)
        give_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@dataclass
class PartnershipWorld:
    partnership: Partnership
    people: dict[str, User]

    def person(self, role: str) -> User:
        return self.people[role]


def build_world(partnership: Partnership) -> PartnershipWorld:
    agency = AgencyFactory(partnership=partnership, name=f"{partnership.name} School")
    people: dict[str, User] = {}
    for role in Role:
        user = UserFactory(full_name=f"{role.label} of {partnership.slug}")
        MembershipFactory(
            user=user,
            partnership=partnership,
            role=role,
            agency=agency if role == Role.AGENCY_LEAD else None,
            statutory_partner=StatutoryPartner.LOCAL_AUTHORITY
            if role == Role.SAFEGUARDING_PARTNER
            else "",
        )
        people[role.value] = user
    return PartnershipWorld(partnership=partnership, people=people)


@pytest.fixture
def world(db: None) -> PartnershipWorld:
    """A partnership with one person in each role."""
    return build_world(PartnershipFactory(slug="northshire-test", name="Northshire Test SCP"))


@pytest.fixture
def other_world(db: None) -> PartnershipWorld:
    """A second, unrelated partnership: nothing of ``world`` may ever be visible to it."""
    return build_world(PartnershipFactory(slug="westmarch-test", name="Westmarch Test SCP"))


@pytest.fixture
def client_as(world: PartnershipWorld) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        client.force_login(world.person(role))
        return client

    return make


@pytest.fixture(autouse=True)
def _vocabulary_survives_emptied_tables(
    request: pytest.FixtureRequest, django_db_blocker: Any
) -> Iterator[None]:
    """A test that commits (``transactional_db``: the browser tests) ends by emptying every
    table, the seeded themes too; put them back for the tests after it, as the data migration
    would have."""
    yield
    if "transactional_db" in request.fixturenames:
        with django_db_blocker.unblock():
            seed_themes(Theme)


@pytest.fixture(autouse=True)
def _default_calendar() -> None:
    """Each test starts from the package's own bank holidays."""
    set_extra_bank_holidays([])
    forget_loaded()
