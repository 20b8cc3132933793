"""Fixtures for the sign-in tests: clients signed in through the real sign-in page, with the
password only (the second step still to come)."""

from collections.abc import Callable

import pytest
from django.test import Client

from tests.accounts.helpers import sign_in
from tests.conftest import PartnershipWorld


@pytest.fixture
def password_only(world: PartnershipWorld) -> Callable[[str], Client]:
    """``password_only("reviewer")``: a client that has given the reviewer's password on the
    sign-in page and nothing more."""

    def make(role: str) -> Client:
        client = Client()
        response = sign_in(client, world.person(role).email)
        assert response.status_code == 302, "the password step failed"
        return client

    return make
