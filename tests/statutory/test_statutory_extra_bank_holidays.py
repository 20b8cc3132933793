"""Bank holidays an administrator adds without a release (CAL-WD).

Tests that change the default calendar use ``restore_default_extras`` so that the rest of the
suite sees the ``holidays`` package alone.
"""

from collections.abc import Iterator
from datetime import date

import pytest

from cspr.statutory.calendar import (
    WorkingDayCalendar,
    add_working_days,
    bank_holidays,
    extra_bank_holidays,
    is_working_day,
    set_extra_bank_holidays,
    subtract_working_days,
    working_days_between,
)
from cspr.statutory.rules import due_date

# A made-up one-off bank holiday, as if announced after the holidays release: Monday 7 June 2027.
ANNOUNCED = date(2027, 6, 7)


@pytest.fixture
def restore_default_extras() -> Iterator[None]:
    before = extra_bank_holidays()
    yield
    set_extra_bank_holidays(before)


@pytest.mark.usefixtures("restore_default_extras")
def test_an_added_day_is_no_longer_a_working_day_cal_wd() -> None:
    assert is_working_day(ANNOUNCED)
    set_extra_bank_holidays([ANNOUNCED])
    assert not is_working_day(ANNOUNCED)
    assert ANNOUNCED in bank_holidays(2027)


@pytest.mark.usefixtures("restore_default_extras")
def test_an_added_day_moves_due_dates_that_run_over_it_cal_after_notify_panel() -> None:
    friday = date(2027, 6, 4)
    assert due_date("NOTIFY-PANEL", friday) == date(2027, 6, 11)
    set_extra_bank_holidays([ANNOUNCED])
    assert due_date("NOTIFY-PANEL", friday) == date(2027, 6, 14)
    assert add_working_days(friday, 1) == date(2027, 6, 8)
    assert subtract_working_days(date(2027, 6, 8), 1) == friday
    assert working_days_between(friday, date(2027, 6, 8)) == 1


@pytest.mark.usefixtures("restore_default_extras")
def test_setting_extras_replaces_the_previous_ones_rather_than_adding() -> None:
    other = date(2027, 7, 5)
    set_extra_bank_holidays([ANNOUNCED])
    set_extra_bank_holidays([other])
    assert is_working_day(ANNOUNCED)
    assert not is_working_day(other)
    assert extra_bank_holidays() == frozenset({other})


@pytest.mark.usefixtures("restore_default_extras")
def test_setting_no_extras_goes_back_to_the_holidays_package_alone() -> None:
    set_extra_bank_holidays([ANNOUNCED])
    assert add_working_days(date(2027, 6, 4), 5) == date(2027, 6, 14)
    set_extra_bank_holidays([])
    assert is_working_day(ANNOUNCED)
    assert add_working_days(date(2027, 6, 4), 5) == date(2027, 6, 11)
    assert bank_holidays(2027) == [
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),
        date(2027, 12, 28),
    ]


def test_a_calendar_built_with_extras_leaves_the_default_calendar_alone() -> None:
    calendar = WorkingDayCalendar(extra_bank_holidays=[ANNOUNCED])
    assert not calendar.is_working_day(ANNOUNCED)
    assert calendar.is_bank_holiday(ANNOUNCED)
    assert is_working_day(ANNOUNCED)


def test_extras_set_after_first_use_are_taken_into_account() -> None:
    calendar = WorkingDayCalendar()
    assert calendar.add_working_days(date(2027, 6, 4), 1) == ANNOUNCED
    calendar.set_extra_bank_holidays([ANNOUNCED])
    assert calendar.add_working_days(date(2027, 6, 4), 1) == date(2027, 6, 8)


def test_extras_outside_the_precomputed_window_are_used_too() -> None:
    calendar = WorkingDayCalendar(extra_bank_holidays=[ANNOUNCED], window=(2020, 2021))
    assert calendar.add_working_days(date(2027, 6, 4), 1) == date(2027, 6, 8)
    assert calendar.subtract_working_days(date(2027, 6, 8), 1) == date(2027, 6, 4)
    assert calendar.working_days_between(date(2027, 6, 4), date(2027, 6, 8)) == 1


def test_extras_at_a_weekend_are_ignored() -> None:
    saturday = date(2027, 6, 5)
    calendar = WorkingDayCalendar(extra_bank_holidays=[saturday, ANNOUNCED])
    assert calendar.extra_bank_holidays == frozenset({ANNOUNCED})
    assert saturday not in calendar.bank_holidays(2027)


def test_an_extra_that_is_already_a_bank_holiday_changes_nothing() -> None:
    calendar = WorkingDayCalendar(extra_bank_holidays=[date(2027, 12, 27)])
    assert calendar.bank_holidays(2027) == WorkingDayCalendar().bank_holidays(2027)
    assert calendar.add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)
