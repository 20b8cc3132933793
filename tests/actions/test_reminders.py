"""Reminders about overdue actions (ACTIONS): the owner is reminded on the first day an action
is overdue and weekly after, the business unit gets a digest, nothing is sent twice on a day,
and the e-mails carry no words of the action."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from cspr.actions.models import Action
from cspr.actions.services.actions import action_update_record
from cspr.actions.tasks import send_overdue_action_reminders

DAY_AFTER_DUE = dt.date(2026, 7, 1)  # the fixtures' actions are due on 30 June 2026


def run(on: dt.date) -> int:
    return send_overdue_action_reminders.call(today=on.isoformat())


@pytest.fixture
def overdue(signed_plan, action, health_action, frozen_today):
    frozen_today.move_to(dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC))
    mail.outbox.clear()
    return action, health_action


def test_nothing_is_sent_before_an_action_is_overdue(signed_plan, action) -> None:
    assert run(dt.date(2026, 6, 30)) == 0  # due today: not overdue yet
    assert mail.outbox == []


def test_each_owner_and_the_business_unit_are_told_once_a_day(overdue, world, health) -> None:
    action, _ = overdue
    assert run(DAY_AFTER_DUE) == 2
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    lead, health_lead = world.person("agency_lead"), health[1]
    bu = world.person("business_unit")
    assert set(by_recipient) == {(lead.email,), (health_lead.email,), (bu.email,)}
    to_lead = by_recipient[(lead.email,)].body
    assert f"{action.recommendation.plan.case.reference}" in to_lead
    assert "action 1.1 for" in to_lead
    assert "Due 30 June 2026: 1 day overdue." in to_lead
    assert f"/action-plan/actions/{action.pk}/" in to_lead
    assert "Revise the assessment template" not in to_lead  # never the action's words
    digest = by_recipient[(bu.email,)].body
    assert "2 actions of the partnership are overdue in all" in digest
    assert "?status=overdue" in digest
    # Running again the same day sends nothing.
    assert run(DAY_AFTER_DUE) == 0
    assert len(mail.outbox) == 3
    assert set(Action.objects.values_list("reminded_on", flat=True)) == {DAY_AFTER_DUE}


def test_owners_are_reminded_weekly_until_the_action_is_complete(overdue, world) -> None:
    action, _ = overdue
    run(DAY_AFTER_DUE)
    mail.outbox.clear()
    assert run(DAY_AFTER_DUE + dt.timedelta(days=6)) == 0
    assert run(DAY_AFTER_DUE + dt.timedelta(days=7)) == 2
    action.refresh_from_db()
    action_update_record(
        action=action,
        by=world.person("agency_lead"),
        text="Done.",
        status="complete",
        impact_evidence="",
        files=[],
        expected_version=action.version,
    )
    mail.outbox.clear()
    assert run(DAY_AFTER_DUE + dt.timedelta(days=14)) == 1  # only the hospital's


def test_an_action_claimed_by_another_run_is_not_sent_again(overdue) -> None:
    """Two workers on the same day: the conditional UPDATE lets only one of them send."""
    action, _ = overdue
    Action.objects.filter(pk=action.pk).update(reminded_on=DAY_AFTER_DUE)
    assert run(DAY_AFTER_DUE) == 1
    assert all(action.owner.email not in m.to for m in mail.outbox)


def test_the_daily_command_queues_the_overdue_reminders(overdue) -> None:
    call_command("send_reminders", "--date", DAY_AFTER_DUE.isoformat())
    assert Action.objects.filter(reminded_on=DAY_AFTER_DUE).count() == 2
    count = len(mail.outbox)
    call_command("send_reminders", "--date", DAY_AFTER_DUE.isoformat())
    assert len(mail.outbox) == count


def test_an_owner_who_has_left_is_not_emailed_but_the_digest_names_the_action(
    overdue, health, world
) -> None:
    _, health_lead = health
    health_lead.memberships.update(ended_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert run(DAY_AFTER_DUE) == 2
    recipients = {address for m in mail.outbox for address in m.to}
    assert health_lead.email not in recipients
    digest = next(m for m in mail.outbox if world.person("business_unit").email in m.to)
    assert "Testshire Hospital, owner Health Lead" in digest.body
