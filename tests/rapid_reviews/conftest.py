import pytest

from tests.fixtures.rapid_reviews import complete_return_values  # noqa: F401 (for tests)


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today
