"""Calendar months and years (CAL-MONTHS, CAL-YEARS).

Neither is moved off weekends or bank holidays: the rules that use them (CSPR-COMPLETE,
LLR-COMPLETE, PUBLISH-LOCAL, PUBLISH-NATIONAL) count calendar time, not working days.
"""

from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day-number ``months`` calendar months later (CAL-MONTHS).

    Where the later month is shorter, its last day: 2025-08-31 + 6 months = 2026-02-28,
    2023-08-31 + 6 months = 2024-02-29. A negative ``months`` counts back the same way.
    """
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def add_years(start: date, years: int) -> date:
    """The same date ``years`` years later, 29 February becoming 28 February (CAL-YEARS).

    2024-02-29 + 1 year = 2025-02-28.
    """
    return add_months(start, 12 * years)


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year`` (28 to 31)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days
