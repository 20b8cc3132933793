"""Deadline status for the interface: met, met late, due, due soon, overdue (RULES.md)."""

from datetime import date

import pytest

from cspr.statutory.calendar import WorkingDayCalendar
from cspr.statutory.status import (
    DUE_SOON_WORKING_DAYS,
    DeadlineState,
    DeadlineStatus,
    deadline_status,
)

# NOTIFY-PANEL for an incident the local authority heard of on Friday 2025-12-19.
DUE = date(2025, 12, 30)


def test_due_soon_threshold_is_two_working_days() -> None:
    assert DUE_SOON_WORKING_DAYS == 2


def test_three_working_days_left_is_due() -> None:
    """Tuesday 23 December: 24, 29 and 30 December are left."""
    status = deadline_status(DUE, today=date(2025, 12, 23))
    assert status == DeadlineStatus(DeadlineState.DUE, 3)
    assert status.describe() == "3 working days left"


def test_two_working_days_left_is_due_soon() -> None:
    """Wednesday 24 December: 29 and 30 December are left; Christmas and Boxing Day are not."""
    status = deadline_status(DUE, today=date(2025, 12, 24))
    assert status == DeadlineStatus(DeadlineState.DUE_SOON, 2)
    assert status.describe() == "2 working days left"


def test_one_working_day_left_is_due_soon() -> None:
    status = deadline_status(DUE, today=date(2025, 12, 29))
    assert status == DeadlineStatus(DeadlineState.DUE_SOON, 1)
    assert status.describe() == "1 working day left"


def test_on_the_day_itself_it_is_due_today() -> None:
    status = deadline_status(DUE, today=DUE)
    assert status == DeadlineStatus(DeadlineState.DUE_SOON, 0)
    assert status.describe() == "due today"


def test_the_day_after_it_is_one_working_day_late() -> None:
    status = deadline_status(DUE, today=date(2025, 12, 31))
    assert status == DeadlineStatus(DeadlineState.OVERDUE, 1)
    assert status.describe() == "1 working day late"


def test_days_late_skip_bank_holidays() -> None:
    """31 December, 2 January (1 January is a bank holiday), 5 January."""
    status = deadline_status(DUE, today=date(2026, 1, 5))
    assert status == DeadlineStatus(DeadlineState.OVERDUE, 3)
    assert status.describe() == "3 working days late"


def test_the_weekend_after_a_friday_deadline_is_overdue_by_no_working_days() -> None:
    status = deadline_status(date(2025, 12, 19), today=date(2025, 12, 20))
    assert status == DeadlineStatus(DeadlineState.OVERDUE, 0)
    assert status.describe() == "overdue"


def test_done_on_the_day_is_met() -> None:
    status = deadline_status(DUE, completed_on=DUE, today=date(2026, 3, 1))
    assert status == DeadlineStatus(DeadlineState.MET, 0)
    assert status.describe() == "met on time"


def test_done_early_is_met() -> None:
    status = deadline_status(DUE, completed_on=date(2025, 12, 22), today=date(2025, 12, 22))
    assert status.state is DeadlineState.MET


def test_done_after_the_deadline_is_met_late_with_the_working_days_late() -> None:
    status = deadline_status(DUE, completed_on=date(2026, 1, 5), today=date(2026, 1, 6))
    assert status == DeadlineStatus(DeadlineState.MET_LATE, 3)
    assert status.describe() == "met 3 working days late"


def test_done_at_the_weekend_after_a_friday_deadline_is_met_late() -> None:
    status = deadline_status(
        date(2025, 12, 19), completed_on=date(2025, 12, 21), today=date(2025, 12, 22)
    )
    assert status == DeadlineStatus(DeadlineState.MET_LATE, 0)
    assert status.describe() == "met late"


def test_a_month_deadline_on_a_saturday_is_due_today_on_the_friday_before_cal_months() -> None:
    """CSPR-COMPLETE is not moved off weekends; Friday is the last working day before it."""
    status = deadline_status(date(2025, 9, 6), today=date(2025, 9, 5))
    assert status == DeadlineStatus(DeadlineState.DUE_SOON, 0)
    assert status.describe() == "due today"


def test_status_uses_the_calendar_it_is_given() -> None:
    calendar = WorkingDayCalendar(extra_bank_holidays=[date(2025, 12, 29)])
    status = deadline_status(DUE, today=date(2025, 12, 23), calendar=calendar)
    assert status == DeadlineStatus(DeadlineState.DUE_SOON, 2)


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (DeadlineState.MET, "Met"),
        (DeadlineState.MET_LATE, "Met late"),
        (DeadlineState.DUE, "Due"),
        (DeadlineState.DUE_SOON, "Due soon"),
        (DeadlineState.OVERDUE, "Overdue"),
    ],
)
def test_each_state_has_a_label_in_british_english(state: DeadlineState, label: str) -> None:
    assert state.label == label
    assert DeadlineStatus(state, 0).label == label
