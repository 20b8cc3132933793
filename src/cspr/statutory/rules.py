"""The statutory rule table and the due date of each rule (RULES.md, "Rules").

Every deadline in the product comes from :func:`due_date`. The table mirrors RULES.md, in the
same order; the evidence for each line is in SOURCES.md (its section numbers are given as §n).
Where a partnership may change a rule's length (RULES.md marks it *configurable*), the Django
side passes the partnership's setting as ``length``.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import MappingProxyType

from cspr.statutory.calendar import WorkingDayCalendar, default_calendar
from cspr.statutory.months import add_months, add_years


class Unit(Enum):
    """What a rule's length counts."""

    WORKING_DAYS = "working days"  # CAL-AFTER, CAL-BEFORE
    MONTHS = "months"  # CAL-MONTHS
    YEARS = "years"  # CAL-YEARS


class Direction(Enum):
    """Whether the date is after or before the event that starts the clock."""

    AFTER = "after"
    BEFORE = "before"


class DateKind(Enum):
    """What the computed date means."""

    DEADLINE = "deadline"
    """The latest date by which the thing must be done; enforced."""
    EXPECTED = "expected"
    """When someone outside the partnership is expected to act; shown, not enforced."""
    EARLIEST_END = "earliest end"
    """A minimum period ("at least"): the earliest date on which it may stop."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of the rule table."""

    id: str
    clock_starts: str
    length: int
    unit: Unit
    direction: Direction
    who: str
    what: str
    source: str
    configurable: bool = False
    kind: DateKind = DateKind.DEADLINE

    @property
    def enforced(self) -> bool:
        """Whether missing the date makes the item overdue (False for PANEL-RESPONSE)."""
        return self.kind is not DateKind.EXPECTED

    def period(self, length: int | None = None) -> str:
        """The period in words, for example "5 working days after" or "at least 1 year"."""
        n = self.length if length is None else length
        unit = self.unit.value[:-1] if n == 1 else self.unit.value
        if self.kind is DateKind.EARLIEST_END:
            return f"at least {n} {unit}"
        return f"{n} {unit} {self.direction.value}"


class UnknownRule(KeyError):
    """Raised for a rule id that is not in the table."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id

    def __str__(self) -> str:
        known = ", ".join(RULES)
        return f"Unknown statutory rule {self.rule_id!r}. The known rules are: {known}."


_WT_2023 = "Working Together to Safeguard Children 2023, chapter 5"

_TABLE = (
    Rule(
        id="NOTIFY-PANEL",
        clock_starts="the local authority becomes aware of a serious incident",
        length=5,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="local authority",
        what=(
            "notify the Panel through the national online system; "
            "tell the partnership at the same time"
        ),
        source=f"Children Act 2004, s16C(1); {_WT_2023}; SOURCES.md §2 (R-NOTIFY-5WD), §4.1",
    ),
    Rule(
        id="NOTIFY-LAC-DEATH",
        clock_starts="the local authority becomes aware of the death of a looked-after child",
        length=5,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="local authority",
        what=(
            "notify the Secretary of State and Ofsted, whether or not abuse or neglect is "
            "suspected; also NOTIFY-PANEL if it is"
        ),
        source=(
            f"{_WT_2023}; SOURCES.md §1.4, §2 (R-NOTIFY-LAC-DEATH); "
            "the 5 working days are from the partnership guides (OQ-7)"
        ),
        configurable=True,
    ),
    Rule(
        id="NOTIFY-CARE-LEAVER-DEATH",
        clock_starts=(
            "the local authority becomes aware of the death of a care leaver aged 24 or under"
        ),
        length=5,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="local authority",
        what=(
            "notify the Secretary of State and Ofsted; no Rapid Review unless the "
            "serious-incident criteria are met"
        ),
        source=(
            f"{_WT_2023}; SOURCES.md §1.4, §2 (R-NOTIFY-CARELEAVER-DEATH); "
            "no period is stated in the sources, 5 working days is the product's default (OQ-7)"
        ),
        configurable=True,
    ),
    Rule(
        id="SCOPING-RETURN",
        clock_starts="the agency is asked for its scoping return (individual agency summary)",
        length=5,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="each invited agency",
        what="return the scoping return, signed off by its safeguarding lead",
        source="Partnership guides; SOURCES.md §2 (R-SCOPE-5WD), §3.3 (OQ-6)",
        configurable=True,
    ),
    Rule(
        id="RAPID-REVIEW",
        clock_starts=(
            "the safeguarding partners become aware of the incident "
            "(defaults to the local authority's awareness date)"
        ),
        length=15,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="safeguarding partners",
        what=(
            "complete the Rapid Review and send it to the Panel; "
            "if late, record why and when it will arrive"
        ),
        source=f"{_WT_2023}; SOURCES.md §2 (R-RR-15WD, R-RR-LATE) (OQ-4, OQ-5)",
    ),
    Rule(
        id="PANEL-RESPONSE",
        clock_starts="the Panel receives the Rapid Review",
        length=15,
        unit=Unit.WORKING_DAYS,
        direction=Direction.AFTER,
        who="the Panel",
        what="expected response (agree, challenge, national review)",
        source="Partnership guides; SOURCES.md §2 (R-PANEL-RESP-15WD) (OQ-2)",
        kind=DateKind.EXPECTED,
    ),
    Rule(
        id="CSPR-COMPLETE",
        clock_starts="the partners decide to start a local CSPR",
        length=6,
        unit=Unit.MONTHS,
        direction=Direction.AFTER,
        who="safeguarding partners",
        what="final report completed",
        source=f"{_WT_2023}; SOURCES.md §2 (R-LCSPR-6M)",
    ),
    Rule(
        id="LLR-COMPLETE",
        clock_starts="the partners decide to run a local learning review",
        length=3,
        unit=Unit.MONTHS,
        direction=Direction.AFTER,
        who="partnership",
        what="learning review completed (good practice, not statute)",
        source="Local practice, not statute; SOURCES.md §2 (R-LLR-3M), §4.4",
        configurable=True,
    ),
    Rule(
        id="PRE-PUBLICATION",
        clock_starts="the planned publication date",
        length=7,
        unit=Unit.WORKING_DAYS,
        direction=Direction.BEFORE,
        who="safeguarding partners",
        what=(
            "final report (or, if not publishing, the information about improvements) "
            "sent to the Panel, the Secretary of State and Ofsted"
        ),
        source=(
            "Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018; "
            "SOURCES.md §2 (R-PUB-7WD), §3.4 (OQ-15)"
        ),
    ),
    Rule(
        id="PUBLISH-LOCAL",
        clock_starts="the publication date",
        length=1,
        unit=Unit.YEARS,
        direction=Direction.AFTER,
        who="safeguarding partners",
        what="keep the report (or the improvements information) publicly available",
        source=f"{_WT_2023}; SOURCES.md §2 (R-PUB-1Y, R-PUB-DEFAULT)",
        kind=DateKind.EARLIEST_END,
    ),
    Rule(
        id="PUBLISH-NATIONAL",
        clock_starts="the publication date of a national review",
        length=3,
        unit=Unit.YEARS,
        direction=Direction.AFTER,
        who="the Panel",
        what="keep the report publicly available",
        source="Partnership guides; SOURCES.md §2 (R-PUB-NATIONAL-3Y) (OQ-11)",
        kind=DateKind.EARLIEST_END,
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _TABLE})
"""The rule table by id, in the order of RULES.md."""


def get_rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id``; raises :class:`UnknownRule` if there is none."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None


def due_date(
    rule_id: str,
    start: date,
    *,
    length: int | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> date:
    """The date given by rule ``rule_id`` for the event on ``start``.

    ``start`` is the date the clock starts (for PRE-PUBLICATION, the planned publication date).
    Working-day rules count by CAL-AFTER or CAL-BEFORE in ``calendar`` (the default calendar if
    not given); month rules by CAL-MONTHS; year rules by CAL-YEARS. For PANEL-RESPONSE the date
    is only expected, and for PUBLISH-* it is the earliest take-down date (see ``Rule.kind``).

    ``length`` is a partnership's own setting for a configurable rule; it must be at least 1.
    Giving any ``length`` for a rule that is not configurable raises ``ValueError``, even when
    it equals the default, so a misconfigured setting is caught rather than silently used.
    """
    rule = get_rule(rule_id)
    n = rule.length if length is None else _checked_length(rule, length)
    if rule.unit is Unit.WORKING_DAYS:
        cal = default_calendar() if calendar is None else calendar
        if rule.direction is Direction.AFTER:
            return cal.add_working_days(start, n)
        return cal.subtract_working_days(start, n)
    signed = n if rule.direction is Direction.AFTER else -n
    if rule.unit is Unit.MONTHS:
        return add_months(start, signed)
    return add_years(start, signed)


def _checked_length(rule: Rule, length: int) -> int:
    if not rule.configurable:
        msg = f"{rule.id} is not configurable: it is always {rule.period()}."
        raise ValueError(msg)
    if length < 1:
        msg = f"The length of {rule.id} must be at least 1, not {length}."
        raise ValueError(msg)
    return length
