"""Fixtures for the security tests: the ids of every kind of record a URL names, for the
world's partnership (``ids``) and for another partnership with the same records
(``other_ids``)."""

from typing import Any

import pytest

from tests.conftest import PartnershipWorld
from tests.security.records import case_under_review
from tests.security.test_partnership_isolation import url_ids


@pytest.fixture
def ids(world: PartnershipWorld, commission: Any, frozen_today: Any) -> dict[str, Any]:
    return url_ids(world, commission)


@pytest.fixture
def other_ids(
    other_world: PartnershipWorld, ids: dict[str, Any], frozen_today: Any
) -> dict[str, Any]:
    """The same records in another partnership (built after ``ids``)."""
    return url_ids(other_world, case_under_review(other_world))
