"""Calendar months and years (CAL-MONTHS, CAL-YEARS)."""

from datetime import date

import pytest

from cspr.statutory.months import add_months, add_years, days_in_month


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # RULES.md example
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # into a leap February
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 3, 31), 3, date(2025, 6, 30)),
        (date(2025, 3, 15), 6, date(2025, 9, 15)),
        (date(2025, 10, 31), 3, date(2026, 1, 31)),  # over the year end
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 5, 31), 0, date(2025, 5, 31)),
    ],
)
def test_same_day_number_months_later_or_that_months_last_day_cal_months(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_months_are_not_moved_off_weekends_or_bank_holidays_cal_months() -> None:
    assert add_months(date(2025, 3, 6), 6) == date(2025, 9, 6)  # a Saturday
    assert add_months(date(2025, 2, 25), 6) == date(2025, 8, 25)  # summer bank holiday


def test_negative_months_count_back_the_same_way_cal_months() -> None:
    assert add_months(date(2026, 2, 28), -6) == date(2025, 8, 28)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # 29 February becomes 28 February
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2025, 6, 30), 1, date(2026, 6, 30)),
        (date(2025, 12, 31), 3, date(2028, 12, 31)),
    ],
)
def test_same_date_years_later_cal_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


def test_days_in_month_knows_leap_years() -> None:
    assert days_in_month(2024, 2) == 29
    assert days_in_month(2025, 2) == 28
    assert days_in_month(2100, 2) == 28
    assert days_in_month(2000, 2) == 29
    assert days_in_month(2025, 12) == 31
    assert days_in_month(2025, 4) == 30
