"""The Django side of the statutory clock: the public page, the deadlines command, extra bank
holidays added by administrators, and each partnership's local lengths."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.clock import services
from cspr.clock.calendar_sync import load_extra_bank_holidays
from cspr.clock.models import ExtraBankHoliday
from cspr.clock.selectors import partnership_due_date
from cspr.core.errors import DomainError
from cspr.statutory.rules import RULES
from tests.conftest import PartnershipWorld

RULES_PAGE = reverse("clock:rules")
BANK_HOLIDAYS = reverse("clock:bank-holidays")


def settings_url(world: PartnershipWorld, name: str = "clock:settings", **kw: str) -> str:
    return reverse(name, kwargs={"partnership_slug": world.partnership.slug, **kw})


@pytest.mark.django_db
def test_the_public_page_lists_every_rule_with_its_length_clock_start_and_source() -> None:
    page = Client().get(RULES_PAGE).content.decode()
    for rule in RULES.values():
        assert rule.id in page
        assert rule.source.split(";")[0] in page
    assert "5 working days after" in page
    assert "at least 1 year" in page


@pytest.mark.django_db
def test_anyone_can_work_out_the_dates_from_a_day_cal_after() -> None:
    """RULES.md's example: from Friday 19 December 2025, NOTIFY-PANEL is Tuesday 30 December."""
    page = Client().get(RULES_PAGE, {"start_0": "19", "start_1": "12", "start_2": "2025"})
    text = page.content.decode()
    assert "Dates counted from Friday 19 December 2025" in text
    notify_row = text.split(">NOTIFY-PANEL<", 2)[1]
    assert "Tuesday 30 December 2025" in notify_row.split("</tr>")[0]


@pytest.mark.django_db
def test_an_impossible_date_is_explained_and_kept() -> None:
    page = Client().get(RULES_PAGE, {"start_0": "31", "start_1": "2", "start_2": "2025"})
    text = page.content.decode()
    assert "govuk-error-summary" in text
    assert "The date the clock starts must be a real date" in text
    assert 'value="31"' in text


@pytest.mark.django_db
def test_the_deadlines_command_prints_the_same_table() -> None:
    out = StringIO()
    call_command("deadlines", "2025-12-19", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Dates counted from Friday 19 December 2025"
    assert any(line.startswith("NOTIFY-PANEL") and "2025-12-30" in line for line in lines)
    assert len(lines) == 1 + len(RULES)


@pytest.mark.django_db
def test_the_deadlines_command_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("deadlines", "19/12/2025")


def test_an_administrator_adds_a_newly_announced_bank_holiday(
    world: PartnershipWorld, client_as, django_capture_on_commit_callbacks
) -> None:
    """CAL-WD: a day announced after the package was released stops being a working day, and
    deadlines across it move."""
    start = dt.date(2027, 6, 1)  # a Tuesday
    before = partnership_due_date(partnership=None, rule_id="NOTIFY-PANEL", start=start)
    assert before == dt.date(2027, 6, 8)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("administrator").post(
            BANK_HOLIDAYS, {"day_0": "3", "day_1": "6", "day_2": "2027", "name": "A new holiday"}
        )
    assert response.status_code == 302
    after = partnership_due_date(partnership=None, rule_id="NOTIFY-PANEL", start=start)
    assert after == dt.date(2027, 6, 9)
    assert AuditEvent.objects.filter(verb="bank_holiday.added").exists()


def test_a_day_added_elsewhere_is_picked_up_on_reload(world: PartnershipWorld) -> None:
    """Another web process added the day: this one sees it when it reloads."""
    start = dt.date(2027, 6, 1)
    load_extra_bank_holidays(force=True)
    ExtraBankHoliday.objects.create(
        day=dt.date(2027, 6, 3), name="Elsewhere", added_by=world.person("administrator")
    )
    load_extra_bank_holidays(force=True)
    assert partnership_due_date(partnership=None, rule_id="NOTIFY-PANEL", start=start) == dt.date(
        2027, 6, 9
    )


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2027, 6, 5), "Saturday or Sunday"),
        (dt.date(2027, 12, 27), "already a bank holiday"),
    ],
)
def test_weekends_and_existing_bank_holidays_are_refused(
    world: PartnershipWorld, day: dt.date, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.extra_bank_holiday_add(by=world.person("administrator"), day=day, name="x")


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "agency_lead"])
def test_only_administrators_manage_bank_holidays(client_as, role: str) -> None:
    assert client_as(role).get(BANK_HOLIDAYS).status_code == 403


def test_a_partnership_sets_its_own_scoping_return_length_with_a_reason(
    world: PartnershipWorld, client_as
) -> None:
    """SCOPING-RETURN is configurable; the statutory default is shown beside the local length."""
    admin = client_as("administrator")
    edit = settings_url(world, "clock:setting-edit", rule_id="SCOPING-RETURN")
    missing_reason = admin.post(edit, {"length": "10", "reason": ""}).content.decode()
    assert "Enter why the partnership uses a different length" in missing_reason
    assert 'value="10"' in missing_reason
    assert (
        admin.post(edit, {"length": "10", "reason": "Agencies asked for two weeks"}).status_code
        == 302
    )
    page = client_as("business_unit").get(settings_url(world)).content.decode()
    row = page.split(">SCOPING-RETURN<", 1)[1].split("</tr>")[0]
    assert "5 working days after" in row  # the statutory default, beside
    assert "10 working days after" in row  # the local length
    assert "Agencies asked for two weeks" in row
    due = partnership_due_date(
        partnership=world.partnership, rule_id="SCOPING-RETURN", start=dt.date(2026, 3, 2)
    )
    assert due == dt.date(2026, 3, 16)
    assert AuditEvent.objects.filter(verb="rule_setting.created").exists()


def test_a_local_length_never_reaches_another_partnership(
    world: PartnershipWorld, other_world: PartnershipWorld
) -> None:
    services.rule_setting_set(
        partnership=world.partnership,
        by=world.person("administrator"),
        rule_id="SCOPING-RETURN",
        length=10,
        reason="local",
    )
    due = partnership_due_date(
        partnership=other_world.partnership, rule_id="SCOPING-RETURN", start=dt.date(2026, 3, 2)
    )
    assert due == dt.date(2026, 3, 9)


def test_rules_fixed_by_law_cannot_be_changed(world: PartnershipWorld, client_as) -> None:
    edit = settings_url(world, "clock:setting-edit", rule_id="NOTIFY-PANEL")
    assert client_as("administrator").get(edit).status_code == 404
    with pytest.raises(DomainError, match="cannot be changed"):
        services.rule_setting_set(
            partnership=world.partnership,
            by=world.person("administrator"),
            rule_id="RAPID-REVIEW",
            length=20,
            reason="no",
        )


def test_going_back_to_the_default(world: PartnershipWorld, client_as) -> None:
    admin = world.person("administrator")
    services.rule_setting_set(
        partnership=world.partnership, by=admin, rule_id="LLR-COMPLETE", length=4, reason="r"
    )
    reset = settings_url(world, "clock:setting-reset", rule_id="LLR-COMPLETE")
    assert client_as("administrator").post(reset).status_code == 302
    due = partnership_due_date(
        partnership=world.partnership, rule_id="LLR-COMPLETE", start=dt.date(2026, 1, 31)
    )
    assert due == dt.date(2026, 4, 30)
