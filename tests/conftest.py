"""Shared fixtures: a partnership with one person per role, and a client signed in as any of
them (``client_as("agency_lead")``)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from cspr.accounts.models import User
from cspr.clock.calendar_sync import forget_loaded
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
def _default_calendar() -> None:
    """Each test starts from the package's own bank holidays."""
    set_extra_bank_holidays([])
    forget_loaded()
