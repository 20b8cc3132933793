import pytest


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today
