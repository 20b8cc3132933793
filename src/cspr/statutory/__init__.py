"""Statutory time limits for CSPR: the working-day calendar, the rule table and deadline status.

Pure Python; nothing here imports Django. Every deadline in the product is computed here.

- :mod:`cspr.statutory.calendar`: working days in England and Wales (CAL-WD, CAL-AFTER,
  CAL-BEFORE), with extra bank holidays added by administrators.
- :mod:`cspr.statutory.holiday_source`: the bank holidays from the ``holidays`` package.
- :mod:`cspr.statutory.months`: calendar months and years (CAL-MONTHS, CAL-YEARS).
- :mod:`cspr.statutory.rules`: the rule table of RULES.md and :func:`due_date`.
- :mod:`cspr.statutory.status`: met, met late, due, due soon, overdue.
"""

from cspr.statutory.calendar import (
    WorkingDayCalendar,
    add_working_days,
    bank_holidays,
    default_calendar,
    is_working_day,
    set_extra_bank_holidays,
    subtract_working_days,
    working_days_between,
)
from cspr.statutory.holiday_source import UnsupportedYearError
from cspr.statutory.months import add_months, add_years
from cspr.statutory.rules import (
    RULES,
    DateKind,
    Direction,
    Rule,
    Unit,
    UnknownRule,
    due_date,
    get_rule,
)
from cspr.statutory.status import (
    DUE_SOON_WORKING_DAYS,
    DeadlineState,
    DeadlineStatus,
    deadline_status,
)

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "RULES",
    "DateKind",
    "DeadlineState",
    "DeadlineStatus",
    "Direction",
    "Rule",
    "Unit",
    "UnknownRule",
    "UnsupportedYearError",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "add_years",
    "bank_holidays",
    "deadline_status",
    "default_calendar",
    "due_date",
    "get_rule",
    "is_working_day",
    "set_extra_bank_holidays",
    "subtract_working_days",
    "working_days_between",
]
