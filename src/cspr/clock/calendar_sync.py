"""Keeps ``cspr.statutory``'s calendar in step with the extra bank holidays in the database.

Each process reloads the extra days at most once a minute (one small query), and at once after
it adds or removes one itself, so a day added in one web process reaches the others within a
minute without a restart.
"""

import time

from cspr.clock.models import ExtraBankHoliday
from cspr.statutory.calendar import set_extra_bank_holidays

RELOAD_AFTER_SECONDS = 60.0
_loaded_at: float | None = None


def load_extra_bank_holidays(*, force: bool = False) -> None:
    global _loaded_at  # noqa: PLW0603
    now = time.monotonic()
    if not force and _loaded_at is not None and now - _loaded_at < RELOAD_AFTER_SECONDS:
        return
    set_extra_bank_holidays(ExtraBankHoliday.objects.values_list("day", flat=True))
    _loaded_at = now


def forget_loaded() -> None:
    """Make the next call reload (tests, and after a change)."""
    global _loaded_at  # noqa: PLW0603
    _loaded_at = None
