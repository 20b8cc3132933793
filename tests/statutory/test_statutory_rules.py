"""The rule table and due dates (RULES.md, "Rules")."""

from datetime import date

import pytest

from cspr.statutory.calendar import WorkingDayCalendar
from cspr.statutory.rules import (
    RULES,
    DateKind,
    Direction,
    Unit,
    UnknownRule,
    due_date,
    get_rule,
)

RULES_MD_ORDER = [
    "NOTIFY-PANEL",
    "NOTIFY-LAC-DEATH",
    "NOTIFY-CARE-LEAVER-DEATH",
    "SCOPING-RETURN",
    "RAPID-REVIEW",
    "PANEL-RESPONSE",
    "CSPR-COMPLETE",
    "LLR-COMPLETE",
    "PRE-PUBLICATION",
    "PUBLISH-LOCAL",
    "PUBLISH-NATIONAL",
]

CONFIGURABLE = {"NOTIFY-LAC-DEATH", "NOTIFY-CARE-LEAVER-DEATH", "SCOPING-RETURN", "LLR-COMPLETE"}


def test_the_table_holds_the_eleven_rules_of_rules_md_in_order() -> None:
    assert list(RULES) == RULES_MD_ORDER
    assert all(rule_id == rule.id for rule_id, rule in RULES.items())


@pytest.mark.parametrize(
    ("rule_id", "length", "unit", "direction"),
    [
        ("NOTIFY-PANEL", 5, Unit.WORKING_DAYS, Direction.AFTER),
        ("NOTIFY-LAC-DEATH", 5, Unit.WORKING_DAYS, Direction.AFTER),
        ("NOTIFY-CARE-LEAVER-DEATH", 5, Unit.WORKING_DAYS, Direction.AFTER),
        ("SCOPING-RETURN", 5, Unit.WORKING_DAYS, Direction.AFTER),
        ("RAPID-REVIEW", 15, Unit.WORKING_DAYS, Direction.AFTER),
        ("PANEL-RESPONSE", 15, Unit.WORKING_DAYS, Direction.AFTER),
        ("CSPR-COMPLETE", 6, Unit.MONTHS, Direction.AFTER),
        ("LLR-COMPLETE", 3, Unit.MONTHS, Direction.AFTER),
        ("PRE-PUBLICATION", 7, Unit.WORKING_DAYS, Direction.BEFORE),
        ("PUBLISH-LOCAL", 1, Unit.YEARS, Direction.AFTER),
        ("PUBLISH-NATIONAL", 3, Unit.YEARS, Direction.AFTER),
    ],
)
def test_default_lengths_match_rules_md(
    rule_id: str, length: int, unit: Unit, direction: Direction
) -> None:
    rule = get_rule(rule_id)
    assert (rule.length, rule.unit, rule.direction) == (length, unit, direction)


def test_only_the_rules_marked_configurable_in_rules_md_are_configurable() -> None:
    assert {rule.id for rule in RULES.values() if rule.configurable} == CONFIGURABLE


def test_panel_response_is_expected_not_enforced_panel_response() -> None:
    rule = get_rule("PANEL-RESPONSE")
    assert rule.kind is DateKind.EXPECTED
    assert not rule.enforced
    assert [r.id for r in RULES.values() if not r.enforced] == ["PANEL-RESPONSE"]


def test_publication_rules_give_the_earliest_take_down_date_publish_local() -> None:
    earliest = [r.id for r in RULES.values() if r.kind is DateKind.EARLIEST_END]
    assert earliest == ["PUBLISH-LOCAL", "PUBLISH-NATIONAL"]
    assert get_rule("PUBLISH-LOCAL").period() == "at least 1 year"
    assert get_rule("PUBLISH-NATIONAL").period() == "at least 3 years"


def test_every_rule_says_who_what_when_and_where_it_comes_from() -> None:
    for rule in RULES.values():
        assert rule.clock_starts, rule.id
        assert rule.who, rule.id
        assert rule.what, rule.id
        assert "SOURCES.md §" in rule.source, rule.id


@pytest.mark.parametrize("rule_id", RULES_MD_ORDER)
def test_every_rule_has_a_due_date(rule_id: str) -> None:
    assert isinstance(due_date(rule_id, date(2025, 12, 19)), date)


def test_notify_panel_counts_from_friday_before_christmas_cal_after_notify_panel() -> None:
    assert due_date("NOTIFY-PANEL", date(2025, 12, 19)) == date(2025, 12, 30)


def test_rapid_review_is_15_working_days_after_awareness_rapid_review() -> None:
    assert due_date("RAPID-REVIEW", date(2025, 3, 3)) == date(2025, 3, 24)


def test_rapid_review_over_easter_skips_both_bank_holidays_rapid_review() -> None:
    assert due_date("RAPID-REVIEW", date(2025, 4, 14)) == date(2025, 5, 8)


def test_panel_response_is_expected_15_working_days_after_receipt_panel_response() -> None:
    assert due_date("PANEL-RESPONSE", date(2025, 3, 3)) == date(2025, 3, 24)


def test_pre_publication_is_7_working_days_before_over_a_bank_holiday_pre_publication() -> None:
    """Publication Thursday 2025-05-08; Monday 5 May is a bank holiday, so 28 April."""
    assert due_date("PRE-PUBLICATION", date(2025, 5, 8)) == date(2025, 4, 28)


def test_pre_publication_before_a_date_just_after_easter_pre_publication() -> None:
    """Publication Wednesday 2025-04-23: 22, 17, 16, 15, 14, 11, 10 April (18 and 21 off)."""
    assert due_date("PRE-PUBLICATION", date(2025, 4, 23)) == date(2025, 4, 10)


def test_cspr_is_due_six_calendar_months_after_the_decision_cspr_complete() -> None:
    assert due_date("CSPR-COMPLETE", date(2025, 8, 31)) == date(2026, 2, 28)
    assert due_date("CSPR-COMPLETE", date(2023, 8, 31)) == date(2024, 2, 29)


def test_learning_review_is_due_three_months_after_the_decision_llr_complete() -> None:
    assert due_date("LLR-COMPLETE", date(2025, 11, 30)) == date(2026, 2, 28)


def test_local_report_stays_up_at_least_a_year_leap_day_to_28_february_publish_local() -> None:
    assert due_date("PUBLISH-LOCAL", date(2024, 2, 29)) == date(2025, 2, 28)


def test_national_report_stays_up_at_least_three_years_publish_national() -> None:
    assert due_date("PUBLISH-NATIONAL", date(2024, 2, 29)) == date(2027, 2, 28)
    assert due_date("PUBLISH-NATIONAL", date(2025, 6, 30)) == date(2028, 6, 30)


def test_an_unknown_rule_id_is_refused_with_the_known_ids_listed() -> None:
    with pytest.raises(UnknownRule) as caught:
        due_date("NOTIFY-PANNEL", date(2025, 1, 6))
    message = str(caught.value)
    assert "'NOTIFY-PANNEL'" in message
    assert "NOTIFY-PANEL, NOTIFY-LAC-DEATH" in message
    assert "PUBLISH-NATIONAL" in message


def test_an_unknown_rule_can_be_caught_as_a_key_error() -> None:
    with pytest.raises(KeyError):
        get_rule("RAPID-REVIEWS")


def test_a_partnership_length_replaces_the_default_scoping_return() -> None:
    """A partnership that allows 10 working days for scoping returns (OQ-6)."""
    assert due_date("SCOPING-RETURN", date(2025, 12, 19)) == date(2025, 12, 30)
    assert due_date("SCOPING-RETURN", date(2025, 12, 19), length=10) == date(2026, 1, 7)


def test_a_partnership_length_in_months_on_a_configurable_rule_llr_complete() -> None:
    assert due_date("LLR-COMPLETE", date(2025, 8, 31), length=6) == date(2026, 2, 28)


@pytest.mark.parametrize("rule_id", sorted(set(RULES_MD_ORDER) - CONFIGURABLE))
def test_a_length_on_a_rule_that_is_not_configurable_is_refused(rule_id: str) -> None:
    with pytest.raises(ValueError, match=f"{rule_id} is not configurable"):
        due_date(rule_id, date(2025, 1, 6), length=get_rule(rule_id).length)


@pytest.mark.parametrize("length", [0, -5])
def test_a_partnership_length_below_one_is_refused(length: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        due_date("NOTIFY-LAC-DEATH", date(2025, 1, 6), length=length)


def test_due_date_uses_the_calendar_it_is_given() -> None:
    """An extra bank holiday on Tuesday 30 December 2025 moves NOTIFY-PANEL to the 31st."""
    calendar = WorkingDayCalendar(extra_bank_holidays=[date(2025, 12, 30)])
    assert due_date("NOTIFY-PANEL", date(2025, 12, 19), calendar=calendar) == date(2025, 12, 31)
    assert due_date("NOTIFY-PANEL", date(2025, 12, 19)) == date(2025, 12, 30)


def test_rules_cannot_be_changed_at_run_time() -> None:
    rule = get_rule("RAPID-REVIEW")
    with pytest.raises(AttributeError):
        rule.length = 20  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES["RAPID-REVIEW"] = rule  # type: ignore[index]


def test_a_rules_period_reads_as_in_rules_md() -> None:
    assert get_rule("NOTIFY-PANEL").period() == "5 working days after"
    assert get_rule("PRE-PUBLICATION").period() == "7 working days before"
    assert get_rule("CSPR-COMPLETE").period() == "6 months after"
    assert get_rule("LLR-COMPLETE").period(1) == "1 month after"
