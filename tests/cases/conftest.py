import pytest

from tests.fixtures.cases import CHILD_NAME, case_values, identity_values  # noqa: F401 (for tests)


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today
