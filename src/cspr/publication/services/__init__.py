"""Writes for publication, one function per action, each atomic and audited:
``planning`` (the plan, the copies, delays) and ``publishing`` (the decision, take-down and the
repository deposit)."""

from cspr.publication.services.planning import (
    copy_record,
    delay_end,
    delay_record,
    delay_reschedule,
    plan_set,
)
from cspr.publication.services.publishing import (
    deposit_mark_sent,
    report_not_published,
    report_publish,
    report_take_down,
)

__all__ = [
    "copy_record",
    "delay_end",
    "delay_record",
    "delay_reschedule",
    "deposit_mark_sent",
    "plan_set",
    "report_not_published",
    "report_publish",
    "report_take_down",
]
