"""Working days in England and Wales and counting with them (CAL-WD, CAL-AFTER, CAL-BEFORE).

A working day (CAL-WD) is Monday to Friday, except the bank holidays of England and Wales
(one-off days included) and any extra bank holidays an administrator has added for days
announced after the ``holidays`` package was released.

Counting conventions:

- CAL-AFTER: "within N working days of event E": day 0 is the date of E, whatever day it is;
  the deadline is the N-th working day after it (:meth:`WorkingDayCalendar.add_working_days`).
- CAL-BEFORE: "no later than N working days before date D": the N-th working day before D,
  not counting D (:meth:`WorkingDayCalendar.subtract_working_days`).

Speed: for the years of a window (1990 to 2100 by default) the calendar keeps a sorted list of
the ordinals of all working days, built once on first use (about 20 ms) and again after the
extra bank holidays change. Adding, subtracting and counting are then binary searches in that
list. Outside the window the same answers come from a slower day-by-day loop. Dates in years
the ``holidays`` package does not cover (before 1872 or after 2100) raise
:class:`~cspr.statutory.holiday_source.UnsupportedYearError` rather than give a wrong count.

The module-level functions use one default calendar, shared by the whole process; the Django
side calls :func:`set_extra_bank_holidays` at start-up and whenever an administrator adds or
removes a day.
"""

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cspr.statutory.holiday_source import (
    FIRST_YEAR,
    LAST_YEAR,
    UnsupportedYearError,
    library_bank_holidays,
    load_years,
)

DEFAULT_WINDOW = (1990, 2100)
"""First and last year for which working days are precomputed."""

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Index:
    """The ordinals of every working day from 1 January of ``first`` to 31 December of ``last``."""

    first: int
    last: int
    working: list[int]


class WorkingDayCalendar:
    """The England and Wales working-day calendar, with optional extra bank holidays (CAL-WD).

    ``extra_bank_holidays`` are days an administrator has added because they were announced
    after the installed ``holidays`` release. Extras that fall at a weekend are ignored, since
    they are not working days anyway. ``window`` is the range of years precomputed for speed;
    it changes speed only, never answers.

    Safe to share between threads: changing the extras drops the index under a lock, and the
    next calculation rebuilds it (a few milliseconds) with the new extras.
    """

    def __init__(
        self,
        extra_bank_holidays: Iterable[date] = (),
        *,
        window: tuple[int, int] = DEFAULT_WINDOW,
    ) -> None:
        first_year, last_year = window
        if first_year > last_year:
            msg = f"The window's first year ({first_year}) is after its last ({last_year})."
            raise ValueError(msg)
        for year in window:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise UnsupportedYearError(year)
        self._window = (first_year, last_year)
        self._extras = _weekdays_only(extra_bank_holidays)
        self._index: _Index | None = None
        self._lock = threading.Lock()

    @property
    def extra_bank_holidays(self) -> frozenset[date]:
        """The extra bank holidays in force (weekdays only)."""
        return self._extras

    def set_extra_bank_holidays(self, days: Iterable[date]) -> None:
        """Replace the extra bank holidays; the next calculation uses the new list."""
        extras = _weekdays_only(days)
        with self._lock:
            self._index = None
            self._extras = extras

    def bank_holidays(self, year: int) -> list[date]:
        """The bank holidays of ``year`` that fall on weekdays, extras included, in date order."""
        extras = {day for day in self._extras if day.year == year}
        return sorted(library_bank_holidays(year) | extras)

    def is_bank_holiday(self, day: date) -> bool:
        """Whether ``day`` is a bank holiday on a weekday, extras included."""
        return day.weekday() < 5 and (day in self._extras or day in library_bank_holidays(day.year))

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (CAL-WD): Monday to Friday and not a bank holiday."""
        return day.weekday() < 5 and not (
            day in self._extras or day in library_bank_holidays(day.year)
        )

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (CAL-AFTER).

        Day 0 is ``start`` whatever day it is, so ``n == 0`` returns ``start`` unchanged.
        A negative ``n`` raises ``ValueError``: use :meth:`subtract_working_days` to count
        backwards, which has its own convention (CAL-BEFORE).
        """
        _require_not_negative(n)
        if n == 0:
            return start
        index = self._current_index()
        ordinal = start.toordinal()
        if index.first <= ordinal <= index.last:
            position = bisect_right(index.working, ordinal) + n - 1
            if position < len(index.working):
                return date.fromordinal(index.working[position])
        return self._add_day_by_day(start, n)

    def subtract_working_days(self, end: date, n: int) -> date:
        """The ``n``-th working day before ``end``, not counting ``end`` (CAL-BEFORE).

        ``n == 0`` returns ``end`` unchanged; a negative ``n`` raises ``ValueError``.
        """
        _require_not_negative(n)
        if n == 0:
            return end
        index = self._current_index()
        ordinal = end.toordinal()
        if index.first <= ordinal <= index.last:
            position = bisect_left(index.working, ordinal) - n
            if position >= 0:
                return date.fromordinal(index.working[position])
        return self._subtract_day_by_day(end, n)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days ``d`` with ``start < d <= end``.

        This is the inverse of CAL-AFTER: ``working_days_between(a, add_working_days(a, n))``
        is ``n``. When ``end`` is before ``start`` the answer is the negative of the count from
        ``end`` to ``start``, so swapping the arguments only changes the sign.
        """
        if end < start:
            return -self.working_days_between(end, start)
        index = self._current_index()
        first, last = start.toordinal(), end.toordinal()
        if index.first <= first and last <= index.last:
            return bisect_right(index.working, last) - bisect_right(index.working, first)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def _current_index(self) -> _Index:
        index = self._index
        if index is None:
            with self._lock:
                index = self._index
                if index is None:
                    index = _build_index(self._window, self._extras)
                    self._index = index
        return index

    def _add_day_by_day(self, start: date, n: int) -> date:
        day = start
        while n:
            day += _ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def _subtract_day_by_day(self, end: date, n: int) -> date:
        day = end
        while n:
            day -= _ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day


def _build_index(window: tuple[int, int], extras: frozenset[date]) -> _Index:
    first_year, last_year = window
    load_years(range(first_year, last_year + 1))
    closed = {day.toordinal() for day in extras}
    for year in range(first_year, last_year + 1):
        closed.update(day.toordinal() for day in library_bank_holidays(year))
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday (0 is Monday).
    working = [
        ordinal
        for ordinal in range(first, last + 1)
        if (ordinal - 1) % 7 < 5 and ordinal not in closed
    ]
    return _Index(first=first, last=last, working=working)


def _weekdays_only(days: Iterable[date]) -> frozenset[date]:
    return frozenset(day for day in days if day.weekday() < 5)


def _require_not_negative(n: int) -> None:
    if n < 0:
        msg = f"The number of working days must be zero or more, not {n}."
        raise ValueError(msg)


_default = WorkingDayCalendar()


def default_calendar() -> WorkingDayCalendar:
    """The calendar used by the module-level functions and by default elsewhere."""
    return _default


def set_extra_bank_holidays(days: Iterable[date]) -> None:
    """Replace the extra bank holidays of the default calendar (CAL-WD).

    Call at start-up with the days administrators have added, and again whenever they change.
    Pass an empty iterable to go back to the ``holidays`` package alone.
    """
    _default.set_extra_bank_holidays(days)


def extra_bank_holidays() -> frozenset[date]:
    """The extra bank holidays of the default calendar."""
    return _default.extra_bank_holidays


def bank_holidays(year: int) -> list[date]:
    """The bank holidays of ``year`` on weekdays, extras included, in date order (CAL-WD)."""
    return _default.bank_holidays(year)


def is_bank_holiday(day: date) -> bool:
    """Whether ``day`` is a bank holiday on a weekday in the default calendar (CAL-WD)."""
    return _default.is_bank_holiday(day)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day in the default calendar (CAL-WD)."""
    return _default.is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` in the default calendar (CAL-AFTER).

    ``n == 0`` returns ``start``; a negative ``n`` raises ``ValueError``.
    """
    return _default.add_working_days(start, n)


def subtract_working_days(end: date, n: int) -> date:
    """The ``n``-th working day before ``end``, not counting ``end`` (CAL-BEFORE).

    ``n == 0`` returns ``end``; a negative ``n`` raises ``ValueError``.
    """
    return _default.subtract_working_days(end, n)


def working_days_between(start: date, end: date) -> int:
    """The number of working days ``d`` with ``start < d <= end`` in the default calendar.

    Negative (the reverse count) when ``end`` is before ``start``.
    """
    return _default.working_days_between(start, end)
