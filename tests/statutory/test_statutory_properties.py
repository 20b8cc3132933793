"""Properties of working-day counting, checked with hypothesis (CAL-WD, CAL-AFTER, CAL-BEFORE).

The reference below counts one day at a time from the ``holidays`` package directly, so it
shares nothing with the precomputed index in ``cspr.statutory.calendar``.
"""

from datetime import date, timedelta
from functools import cache

import holidays
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cspr.statutory.calendar import (
    WorkingDayCalendar,
    add_working_days,
    is_working_day,
    subtract_working_days,
    working_days_between,
)
from cspr.statutory.rules import RULES, Direction, due_date

DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
COUNTS = st.integers(min_value=0, max_value=400)
AFTER_RULES = st.sampled_from([r.id for r in RULES.values() if r.direction is Direction.AFTER])
ONE_DAY = timedelta(days=1)

# The first call builds the index (tens of milliseconds), so no per-example deadline.
PROPERTY_SETTINGS = settings(deadline=None)

NARROW = WorkingDayCalendar(window=(2024, 2026))


@cache
def _reference_bank_holidays(year: int) -> frozenset[date]:
    listed = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in listed if day.weekday() < 5)


def _reference_is_working_day(day: date, extras: frozenset[date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in extras and day not in _reference_bank_holidays(day.year)


def _reference_add(start: date, n: int, extras: frozenset[date] = frozenset()) -> date:
    day = start
    while n:
        day += ONE_DAY
        if _reference_is_working_day(day, extras):
            n -= 1
    return day


def _reference_subtract(end: date, n: int) -> date:
    day = end
    while n:
        day -= ONE_DAY
        if _reference_is_working_day(day):
            n -= 1
    return day


def _reference_between(start: date, end: date) -> int:
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        count += _reference_is_working_day(day)
    return count


@PROPERTY_SETTINGS
@given(start=DATES, n=COUNTS)
def test_counting_the_working_days_to_the_result_gives_back_n_cal_after(
    start: date, n: int
) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@PROPERTY_SETTINGS
@given(start=DATES, n=st.integers(min_value=1, max_value=400))
def test_the_nth_working_day_after_is_always_a_working_day_cal_after(start: date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@PROPERTY_SETTINGS
@given(start=DATES, n=COUNTS)
def test_counting_back_undoes_counting_on_from_a_working_day_cal_before(
    start: date, n: int
) -> None:
    assume(is_working_day(start))
    assert subtract_working_days(add_working_days(start, n), n) == start


@PROPERTY_SETTINGS
@given(rule_id=AFTER_RULES, start=DATES)
def test_an_after_rule_never_gives_a_date_before_its_start(rule_id: str, start: date) -> None:
    assert due_date(rule_id, start) >= start


@PROPERTY_SETTINGS
@given(start=DATES, n=COUNTS, more=st.integers(min_value=1, max_value=50))
def test_more_working_days_give_a_later_date_cal_after(start: date, n: int, more: int) -> None:
    assert add_working_days(start, n) < add_working_days(start, n + more)


@PROPERTY_SETTINGS
@given(start=DATES, end=DATES)
def test_swapping_the_dates_only_changes_the_sign_of_the_count(start: date, end: date) -> None:
    assert working_days_between(start, end) == -working_days_between(end, start)


@PROPERTY_SETTINGS
@given(start=DATES, n=COUNTS)
def test_the_fast_path_agrees_with_counting_day_by_day_cal_after_cal_before(
    start: date, n: int
) -> None:
    assert is_working_day(start) == _reference_is_working_day(start)
    assert add_working_days(start, n) == _reference_add(start, n)
    assert subtract_working_days(start, n) == _reference_subtract(start, n)


@PROPERTY_SETTINGS
@given(start=DATES, end=DATES)
def test_the_fast_count_agrees_with_counting_day_by_day(start: date, end: date) -> None:
    assume(start <= end)
    assert working_days_between(start, end) == _reference_between(start, end)


@PROPERTY_SETTINGS
@given(start=DATES, n=COUNTS, end=DATES)
def test_a_narrow_window_agrees_with_counting_day_by_day(start: date, n: int, end: date) -> None:
    """Counts that leave the precomputed window (here 2024 to 2026) fall back to the slow loop."""
    assert NARROW.add_working_days(start, n) == _reference_add(start, n)
    assert NARROW.subtract_working_days(start, n) == _reference_subtract(start, n)
    assert NARROW.working_days_between(min(start, end), max(start, end)) == _reference_between(
        min(start, end), max(start, end)
    )


@PROPERTY_SETTINGS
@given(
    start=DATES,
    n=COUNTS,
    extras=st.frozensets(
        st.dates(min_value=date(2015, 1, 1), max_value=date(2037, 12, 31)), max_size=20
    ),
)
def test_a_calendar_with_extras_agrees_with_counting_day_by_day_cal_wd(
    start: date, n: int, extras: frozenset[date]
) -> None:
    calendar = WorkingDayCalendar(extra_bank_holidays=extras)
    assert calendar.add_working_days(start, n) == _reference_add(start, n, extras)
