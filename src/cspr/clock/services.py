"""Writes for the statutory clock: extra bank holidays and local rule lengths. Audited."""

import datetime as dt

from django.db import IntegrityError, transaction

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.clock.calendar_sync import load_extra_bank_holidays
from cspr.clock.models import ExtraBankHoliday, RuleSetting
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.models import save_versioned
from cspr.partnerships.models import Partnership
from cspr.statutory.calendar import is_bank_holiday
from cspr.statutory.rules import UnknownRule, get_rule

MAX_LOCAL_LENGTH = 60


def _refresh_calendar() -> None:
    transaction.on_commit(lambda: load_extra_bank_holidays(force=True))


@transaction.atomic
def extra_bank_holiday_add(*, by: User, day: dt.date, name: str) -> ExtraBankHoliday:
    """Add a newly announced bank holiday to the working-day calendar (CAL-WD)."""
    if day.weekday() >= 5:
        raise DomainError(
            "That date is a Saturday or Sunday, which is never a working day. "
            "Enter the weekday the bank holiday is observed on.",
            field="day",
        )
    if ExtraBankHoliday.objects.filter(day=day).exists() or is_bank_holiday(day):
        raise DomainError(f"{day:%-d %B %Y} is already a bank holiday.", field="day")
    holiday = ExtraBankHoliday.objects.create(day=day, name=name.strip(), added_by=by)
    audit_record(by=by, verb="bank_holiday.added", obj=holiday, data={"day": day.isoformat()})
    _refresh_calendar()
    return holiday


@transaction.atomic
def extra_bank_holiday_remove(*, by: User, holiday: ExtraBankHoliday) -> None:
    audit_record(
        by=by, verb="bank_holiday.removed", obj=holiday, data={"day": holiday.day.isoformat()}
    )
    holiday.delete()
    _refresh_calendar()


def _configurable_rule(rule_id: str) -> None:
    try:
        rule = get_rule(rule_id)
    except UnknownRule as error:
        raise DomainError(str(error)) from error
    if not rule.configurable:
        raise DomainError(f"{rule_id} is set in law or statutory guidance and cannot be changed.")


STALE_SETTING = (
    "Someone else changed this length after you opened this page. Your changes have not been "
    "saved yet: compare them with what is saved now, then save again to keep yours."
)


@transaction.atomic
def rule_setting_set(
    *,
    partnership: Partnership,
    by: User,
    rule_id: str,
    length: int,
    reason: str,
    expected_version: int | None = None,
) -> RuleSetting:
    """Set a partnership's own length for a configurable rule; the reason is required.
    ``expected_version`` is the version the person started from, 0 if there was no local
    length then: someone else's save (or reset) since is refused (``StaleEdit``)."""
    _configurable_rule(rule_id)
    if not 1 <= length <= MAX_LOCAL_LENGTH:
        raise DomainError(f"Enter a length from 1 to {MAX_LOCAL_LENGTH}.", field="length")
    if not reason.strip():
        raise DomainError("Enter why the partnership uses a different length.", field="reason")
    setting = (
        RuleSetting.objects.select_for_update()
        .filter(partnership=partnership, rule_id=rule_id)
        .first()
    )
    if setting is None and expected_version:
        raise StaleEdit(STALE_SETTING)
    if setting is None:
        try:
            with transaction.atomic():
                setting = RuleSetting.objects.create(
                    partnership=partnership,
                    rule_id=rule_id,
                    length=length,
                    reason=reason,
                    changed_by=by,
                )
        except IntegrityError as error:  # someone else set it at the same moment
            raise StaleEdit(STALE_SETTING) from error
        audit_record(by=by, verb="rule_setting.created", obj=setting, data={"rule": rule_id})
        return setting
    setting.length, setting.reason, setting.changed_by = length, reason, by
    save_versioned(
        setting,
        expected_version=setting.version if expected_version is None else expected_version,
        fields=["length", "reason", "changed_by"],
    )
    audit_record(
        by=by,
        verb="rule_setting.updated",
        obj=setting,
        data={"rule": rule_id, "fields": ["length", "reason"]},
    )
    return setting


@transaction.atomic
def rule_setting_reset(*, partnership: Partnership, by: User, rule_id: str) -> None:
    """Go back to the statutory default for a rule."""
    setting = RuleSetting.objects.filter(partnership=partnership, rule_id=rule_id).first()
    if setting is None:
        raise DomainError(f"{rule_id} already uses the statutory default.")
    audit_record(by=by, verb="rule_setting.deleted", obj=setting, data={"rule": rule_id})
    setting.delete()
