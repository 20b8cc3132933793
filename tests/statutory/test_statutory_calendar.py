"""Counting working days as the guidance does (CAL-WD, CAL-AFTER, CAL-BEFORE)."""

from datetime import date

import pytest

from cspr.statutory.calendar import (
    WorkingDayCalendar,
    add_working_days,
    is_working_day,
    subtract_working_days,
    working_days_between,
)
from cspr.statutory.holiday_source import UnsupportedYearError


def test_rules_md_example_friday_before_christmas_plus_5_is_tuesday_30th_cal_after() -> None:
    """RULES.md: E on Friday 2025-12-19, N = 5: 22, 23, 24, 29, 30 December."""
    assert add_working_days(date(2025, 12, 19), 5) == date(2025, 12, 30)


def test_each_working_day_of_the_rules_md_example_in_turn_cal_after() -> None:
    start = date(2025, 12, 19)
    days = [add_working_days(start, n) for n in range(1, 6)]
    assert days == [date(2025, 12, d) for d in (22, 23, 24, 29, 30)]


def test_count_runs_over_christmas_and_new_year_into_the_next_year_cal_after() -> None:
    """2026: Christmas Friday 25th, Boxing Day observed Monday 28th; 2027: New Year Friday 1st."""
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_rapid_review_over_christmas_2021_skips_three_substitute_days_cal_after() -> None:
    """Christmas and Boxing Day 2021 fell at a weekend (27 and 28 December off), New Year 2022
    on a Saturday (3 January off)."""
    assert add_working_days(date(2021, 12, 20), 15) == date(2022, 1, 13)


def test_count_skips_good_friday_and_easter_monday_cal_after() -> None:
    """Easter 2025: Good Friday 18 April, Easter Monday 21 April."""
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert add_working_days(date(2025, 4, 17), 5) == date(2025, 4, 28)


def test_count_skips_the_platinum_jubilee_holidays_in_2022_cal_after() -> None:
    """Thursday 2 June (moved spring bank holiday) and Friday 3 June 2022 (Platinum Jubilee)."""
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert add_working_days(date(2022, 6, 1), 5) == date(2022, 6, 10)


def test_count_skips_the_state_funeral_of_queen_elizabeth_ii_cal_after() -> None:
    """Monday 19 September 2022."""
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
    assert add_working_days(date(2022, 9, 16), 5) == date(2022, 9, 26)


def test_count_skips_the_coronation_and_early_may_bank_holiday_2023_cal_after() -> None:
    """Monday 1 May (early May) and Monday 8 May 2023 (Coronation of King Charles III)."""
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)
    assert add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 9)


@pytest.mark.parametrize(
    "start",
    [date(2025, 2, 28), date(2025, 3, 1), date(2025, 3, 2)],
    ids=["friday", "saturday", "sunday"],
)
def test_a_weekend_day_0_counts_from_the_next_monday_like_the_friday_before_cal_after(
    start: date,
) -> None:
    assert add_working_days(start, 1) == date(2025, 3, 3)
    assert add_working_days(start, 5) == date(2025, 3, 7)


def test_a_bank_holiday_as_day_0_counts_from_the_next_working_day_cal_after() -> None:
    assert add_working_days(date(2025, 4, 18), 1) == date(2025, 4, 22)


def test_zero_working_days_returns_the_start_whatever_day_it_is_cal_after() -> None:
    saturday = date(2025, 3, 1)
    assert add_working_days(saturday, 0) == saturday
    assert subtract_working_days(saturday, 0) == saturday


def test_count_crosses_month_ends_cal_after() -> None:
    assert add_working_days(date(2025, 1, 31), 1) == date(2025, 2, 3)
    assert add_working_days(date(2025, 4, 30), 5) == date(2025, 5, 8)


def test_count_includes_29_february_in_a_leap_year_cal_after() -> None:
    assert is_working_day(date(2024, 2, 29))
    assert add_working_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert add_working_days(date(2024, 2, 28), 2) == date(2024, 3, 1)
    assert add_working_days(date(2023, 2, 28), 1) == date(2023, 3, 1)


def test_counting_back_does_not_count_the_end_date_cal_before() -> None:
    """Thursday 2025-05-08 back 7: 7, 6, (5 May bank holiday), 2, 1 May, 30, 29, 28 April."""
    assert subtract_working_days(date(2025, 5, 8), 1) == date(2025, 5, 7)
    assert subtract_working_days(date(2025, 5, 8), 7) == date(2025, 4, 28)


def test_counting_back_from_a_weekend_starts_on_the_friday_cal_before() -> None:
    assert subtract_working_days(date(2025, 3, 1), 1) == date(2025, 2, 28)
    assert subtract_working_days(date(2025, 3, 3), 1) == date(2025, 2, 28)


def test_counting_back_over_new_year_goes_into_the_previous_year_cal_before() -> None:
    assert subtract_working_days(date(2027, 1, 4), 5) == date(2026, 12, 23)


def test_working_days_between_excludes_the_start_and_includes_the_end() -> None:
    assert working_days_between(date(2025, 12, 19), date(2025, 12, 30)) == 5
    assert working_days_between(date(2025, 12, 19), date(2025, 12, 19)) == 0
    assert working_days_between(date(2025, 12, 19), date(2025, 12, 21)) == 0


def test_working_days_between_is_negative_when_the_end_is_before_the_start() -> None:
    assert working_days_between(date(2025, 12, 30), date(2025, 12, 19)) == -5


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(date(2025, 1, 6), -1)
    with pytest.raises(ValueError, match="zero or more"):
        subtract_working_days(date(2025, 1, 6), -1)


def test_dates_outside_the_precomputed_window_give_the_same_answers() -> None:
    """The window changes speed only: a calendar that precomputes only 2025 agrees with the
    default one on counts that start, end or run outside 2025."""
    narrow = WorkingDayCalendar(window=(2025, 2025))
    wide = WorkingDayCalendar()
    cases = [(date(2024, 12, 20), 10), (date(2025, 12, 19), 5), (date(2026, 3, 31), 30)]
    for start, n in cases:
        assert narrow.add_working_days(start, n) == wide.add_working_days(start, n)
        assert narrow.subtract_working_days(start, n) == wide.subtract_working_days(start, n)
        end = wide.add_working_days(start, n)
        assert narrow.working_days_between(start, end) == n


def test_dates_before_the_default_window_still_count_correctly() -> None:
    """Christmas Day 1989 was a Monday and Boxing Day a Tuesday."""
    assert subtract_working_days(date(1989, 12, 27), 1) == date(1989, 12, 22)
    assert add_working_days(date(1989, 12, 22), 1) == date(1989, 12, 27)
    assert working_days_between(date(1989, 12, 22), date(1990, 1, 2)) == 4


def test_years_the_holidays_package_does_not_know_are_refused_not_guessed() -> None:
    """The package covers 1872 to 2100; after that it would report no bank holidays at all."""
    with pytest.raises(UnsupportedYearError, match="2101"):
        add_working_days(date(2100, 12, 30), 5)
    with pytest.raises(UnsupportedYearError):
        WorkingDayCalendar(window=(2000, 2101))


def test_a_window_whose_first_year_is_after_its_last_is_refused() -> None:
    with pytest.raises(ValueError, match="first year"):
        WorkingDayCalendar(window=(2030, 2020))
