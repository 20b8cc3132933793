"""The calendar's bank holidays match the official GOV.UK list for England and Wales (CAL-WD).

The fixture in ``data/`` is the GOV.UK feed for 2018 to 2027, copied verbatim; it includes the
one-off days (2020-05-08, 2022-06-03, 2022-09-19, 2023-05-08) and the substitute days.
"""

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from cspr.statutory.calendar import bank_holidays, is_bank_holiday, is_working_day

GOV_UK_FILE = Path(__file__).parent / "data" / "bank-holidays-england-and-wales-2018-2027.json"


def _gov_uk_bank_holidays() -> dict[int, list[date]]:
    feed = json.loads(GOV_UK_FILE.read_text(encoding="utf-8"))
    by_year: dict[int, list[date]] = defaultdict(list)
    for event in feed["events"]:
        day = date.fromisoformat(event["date"])
        by_year[day.year].append(day)
    return {year: sorted(days) for year, days in by_year.items()}


GOV_UK = _gov_uk_bank_holidays()
ALL_GOV_UK_DAYS = [day for days in GOV_UK.values() for day in days]


def test_gov_uk_fixture_covers_2018_to_2027() -> None:
    assert sorted(GOV_UK) == list(range(2018, 2028))


@pytest.mark.parametrize("year", range(2018, 2028))
def test_bank_holidays_equal_the_gov_uk_list_for_the_year_cal_wd(year: int) -> None:
    assert bank_holidays(year) == GOV_UK[year]


@pytest.mark.parametrize("day", ALL_GOV_UK_DAYS, ids=str)
def test_no_gov_uk_bank_holiday_is_a_working_day_cal_wd(day: date) -> None:
    assert is_bank_holiday(day)
    assert not is_working_day(day)


@pytest.mark.parametrize(
    ("day", "title"),
    [
        (date(2020, 5, 8), "VE Day, early May bank holiday moved"),
        (date(2022, 6, 2), "spring bank holiday moved for the Platinum Jubilee"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
    ],
)
def test_one_off_days_are_in_the_gov_uk_list_and_the_calendar_cal_wd(day: date, title: str) -> None:
    assert day in GOV_UK[day.year], title
    assert not is_working_day(day), title


def test_weekend_holidays_are_replaced_by_their_substitute_days_cal_wd() -> None:
    """Boxing Day 2026 is a Saturday: Monday 28 December is the bank holiday, not the 26th."""
    assert date(2026, 12, 26) not in bank_holidays(2026)
    assert date(2026, 12, 28) in bank_holidays(2026)
    assert not is_working_day(date(2026, 12, 28))
