"""The status of a deadline for the interface (RULES.md, "Counting time").

A deadline is met when the event's date is on or before it. While open it is *due* with more
than :data:`DUE_SOON_WORKING_DAYS` working days left, *due soon* with that many or fewer (0 is
the last working day), and *overdue* once today is after it.

Working days left and late are counted as in CAL-AFTER: the number of working days ``d`` with
``earlier < d <= later``. So a deadline on a Friday is 1 working day late on the Monday, and
0 working days late on the Saturday in between (still overdue).
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from cspr.statutory.calendar import WorkingDayCalendar, default_calendar

DUE_SOON_WORKING_DAYS = 2
"""An open deadline with this many working days left, or fewer, is due soon."""


class DeadlineState(Enum):
    """Where a deadline stands; ``label`` is the text shown to users."""

    MET = "met"
    MET_LATE = "met_late"
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        """The state in words, in sentence case: "Met late", "Due soon"."""
        return _LABELS[self]


_LABELS = {
    DeadlineState.MET: "Met",
    DeadlineState.MET_LATE: "Met late",
    DeadlineState.DUE: "Due",
    DeadlineState.DUE_SOON: "Due soon",
    DeadlineState.OVERDUE: "Overdue",
}


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """A deadline's state and its distance in working days.

    ``working_days`` is the number of working days left while the deadline is open (due or
    due soon), the number late when it is overdue or was met late, and 0 when met on time.
    """

    state: DeadlineState
    working_days: int

    @property
    def label(self) -> str:
        """The state in words, for a tag: "Due soon"."""
        return self.state.label

    def describe(self) -> str:
        """A short phrase to show beside the label: "3 working days left", "due today"."""
        days = _working_days_in_words(self.working_days)
        match self.state:
            case DeadlineState.MET:
                return "met on time"
            case DeadlineState.MET_LATE:
                return f"met {days} late" if self.working_days else "met late"
            case DeadlineState.DUE | DeadlineState.DUE_SOON:
                return f"{days} left" if self.working_days else "due today"
            case DeadlineState.OVERDUE:
                return f"{days} late" if self.working_days else "overdue"


def deadline_status(
    due: date,
    *,
    completed_on: date | None = None,
    today: date,
    calendar: WorkingDayCalendar | None = None,
) -> DeadlineStatus:
    """The status of the deadline ``due`` on ``today``.

    ``completed_on`` is the date of the event the deadline asks for, if it has happened; the
    deadline is then met (on or before ``due``) or met late, whatever ``today`` is.

    When ``due`` is not a working day (month and year rules are not moved off weekends), 0
    working days left means today is the last working day before it, and reads "due today".
    """
    cal = default_calendar() if calendar is None else calendar
    if completed_on is not None:
        if completed_on <= due:
            return DeadlineStatus(DeadlineState.MET, 0)
        return DeadlineStatus(DeadlineState.MET_LATE, cal.working_days_between(due, completed_on))
    if today > due:
        return DeadlineStatus(DeadlineState.OVERDUE, cal.working_days_between(due, today))
    left = cal.working_days_between(today, due)
    state = DeadlineState.DUE_SOON if left <= DUE_SOON_WORKING_DAYS else DeadlineState.DUE
    return DeadlineStatus(state, left)


def _working_days_in_words(n: int) -> str:
    return "1 working day" if n == 1 else f"{n} working days"
