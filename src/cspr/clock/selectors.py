"""Reads for the statutory clock. Every due date the product shows comes through
:func:`partnership_due_date` or :func:`deadline_table`, which call ``cspr.statutory``."""

import datetime as dt
from dataclasses import dataclass

from cspr.clock.calendar_sync import load_extra_bank_holidays
from cspr.clock.models import ExtraBankHoliday, RuleSetting
from cspr.partnerships.models import Partnership
from cspr.statutory.rules import RULES, Rule, due_date


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    local: RuleSetting | None

    @property
    def length(self) -> int:
        return self.local.length if self.local else self.rule.length

    @property
    def is_local(self) -> bool:
        return self.local is not None and self.local.length != self.rule.length


@dataclass(frozen=True)
class DeadlineRow:
    rule: Rule
    length: int
    is_local: bool
    date: dt.date

    @property
    def period(self) -> str:
        return self.rule.period(self.length)


def rule_settings(*, partnership: Partnership | None) -> dict[str, RuleSetting]:
    if partnership is None:
        return {}
    return {s.rule_id: s for s in RuleSetting.objects.filter(partnership=partnership)}


def rule_rows(*, partnership: Partnership | None) -> list[RuleRow]:
    """Every rule with the partnership's local setting beside the statutory default."""
    local = rule_settings(partnership=partnership)
    return [RuleRow(rule=rule, local=local.get(rule.id)) for rule in RULES.values()]


@dataclass(frozen=True)
class PartnershipClock:
    """A partnership's rule lengths, loaded once, for working out many dates without a query
    each (case lists)."""

    lengths: dict[str, int]

    def due(self, rule_id: str, start: dt.date) -> dt.date:
        return due_date(rule_id, start, length=self.lengths.get(rule_id))


def partnership_clock(*, partnership: Partnership | None) -> PartnershipClock:
    load_extra_bank_holidays()
    local = rule_settings(partnership=partnership)
    return PartnershipClock(lengths={rule_id: s.length for rule_id, s in local.items()})


def partnership_due_date(
    *, partnership: Partnership | None, rule_id: str, start: dt.date
) -> dt.date:
    return partnership_clock(partnership=partnership).due(rule_id, start)


def deadline_table(*, start: dt.date, partnership: Partnership | None = None) -> list[DeadlineRow]:
    """Each rule's date counted from ``start`` (for the public page and ``manage.py deadlines``)."""
    load_extra_bank_holidays()
    rows = []
    for row in rule_rows(partnership=partnership):
        length = row.length
        rows.append(
            DeadlineRow(
                rule=row.rule,
                length=length,
                is_local=row.is_local,
                date=due_date(row.rule.id, start, length=length if row.rule.configurable else None),
            )
        )
    return rows


def extra_bank_holidays() -> list[ExtraBankHoliday]:
    return list(ExtraBankHoliday.objects.select_related("added_by").order_by("day"))
