"""Bank holidays of England and Wales, read from the ``holidays`` package (CAL-WD).

The package lists both the actual day and the substitute day when a holiday falls at a
weekend (for example Saturday 26 December 2026 "Boxing Day" and Monday 28 December 2026
"Boxing Day (observed)"). Only weekday entries are kept, which gives exactly the GOV.UK list
for England and Wales, one-off days included (see stack-notes §6).

Days announced after the installed release of ``holidays`` are not here: administrators add
them in the product, and :class:`cspr.statutory.calendar.WorkingDayCalendar` merges them in.

The package knows the years from :data:`FIRST_YEAR` to :data:`LAST_YEAR` (1872 to 2100 in
release 0.109). For any other year it would silently return no holidays, so such years are
refused with :class:`UnsupportedYearError` instead of giving a wrong count.
"""

from collections.abc import Iterable
from datetime import date

import holidays

COUNTRY = "GB"
SUBDIVISION = "ENG"

_calendar_class = type(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=()))
FIRST_YEAR: int = _calendar_class.start_year
"""The first year whose bank holidays are known."""
LAST_YEAR: int = _calendar_class.end_year
"""The last year whose bank holidays are known."""

_by_year: dict[int, frozenset[date]] = {}


class UnsupportedYearError(ValueError):
    """Raised for a year whose bank holidays the ``holidays`` package does not know."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Bank holidays are known only for {FIRST_YEAR} to {LAST_YEAR}, not for {year}."
        )
        self.year = year


def library_bank_holidays(year: int) -> frozenset[date]:
    """Weekday bank holidays of England and Wales in ``year``, from the ``holidays`` package.

    Raises :class:`UnsupportedYearError` for a year the package does not cover.
    """
    found = _by_year.get(year)
    if found is None:
        load_years((year,))
        found = _by_year[year]
    return found


def load_years(years: Iterable[int]) -> None:
    """Read the bank holidays of several years at once and keep them for later look-ups.

    One call for a range of years is much quicker than one call per year.
    """
    missing = sorted({year for year in years if year not in _by_year})
    if not missing:
        return
    for year in (missing[0], missing[-1]):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise UnsupportedYearError(year)
    listed = holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=missing, expand=False)
    by_year: dict[int, set[date]] = {year: set() for year in missing}
    for day in listed:
        if day.weekday() < 5 and day.year in by_year:
            by_year[day.year].add(day)
    for year, days in by_year.items():
        _by_year[year] = frozenset(days)
