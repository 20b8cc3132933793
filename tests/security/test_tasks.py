"""Background tasks are idempotent and retried (issue 8, item 5).

* Every task of every app (found by walking the ``tasks`` modules) is run twice on a situation
  where it has something to do: the first run has its effect (an e-mail, rows), the second
  run sends nothing and changes no row. A new task fails the test until ``SITUATIONS`` says
  how to give it something to do.
* A task that fails is queued again by ``manage.py retry_failed_tasks`` (the database backend
  has no retries of its own): with the real database backend and worker, an e-mail whose
  sending fails the first time is sent by the retry, once; a task that keeps failing is given
  up after ``--attempts`` runs."""

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.tasks import Task, TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cspr.actions.services.actions import action_add
from cspr.actions.services.plans import plan_start
from cspr.actions.services.recommendations import recommendation_add
from cspr.cases.tasks import tell_business_unit_of_referral
from cspr.disputes.services import dispute_raise
from cspr.learning.models import LearningItem, Origin, UploadStatus
from cspr.learning.services.uploads import batch_upload
from cspr.publication.models import PublicationDelay
from cspr.rapid_reviews.selectors import scoping_return_due
from cspr.rapid_reviews.services.scoping import scoping_return_send_back, scoping_return_submit
from tests.conftest import PartnershipWorld
from tests.fixtures.library import pdf_bytes, upload
from tests.fixtures.rapid_reviews import complete_return_values
from tests.security.database import changed, contents

Situation = Callable[[pytest.FixtureRequest], dict[str, Any]]


def _world(request: pytest.FixtureRequest) -> PartnershipWorld:
    world: PartnershipWorld = request.getfixturevalue("world")
    return world


def new_person(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"user_id": _world(request).person("reviewer").pk}


def reset_person(request: pytest.FixtureRequest) -> dict[str, Any]:
    world = _world(request)
    person = world.person("reviewer")
    person.signed_out_everywhere_at = timezone.now()
    person.save(update_fields=["signed_out_everywhere_at"])
    return {"user_id": person.pk, "partnership_id": world.partnership.pk}


def referred(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"case_id": request.getfixturevalue("make_case")().pk}


def raised(request: pytest.FixtureRequest) -> dict[str, Any]:
    case = request.getfixturevalue("make_case")()
    bu = _world(request).person("business_unit")
    dispute = dispute_raise(case=case, by=bu, agency=None, subject="other", summary="s")
    return {"dispute_id": dispute.pk}


def escalated(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {**raised(request), "stage": 2}


def invited(request: pytest.FixtureRequest) -> dict[str, Any]:
    invitation = request.getfixturevalue("invite")(request.getfixturevalue("school"))
    return {"invitation_id": invitation.pk}


def sent_back(request: pytest.FixtureRequest) -> dict[str, Any]:
    invitation = request.getfixturevalue("invite")(request.getfixturevalue("school"))
    world = _world(request)
    item = invitation.scoping_return
    item = scoping_return_submit(
        scoping_return=item,
        by=world.person("agency_lead"),
        values=complete_return_values(),
        expected_version=item.version,
    )
    scoping_return_send_back(
        scoping_return=item, by=world.person("business_unit"), reason="More, please."
    )
    return {"scoping_return_id": item.pk}


def with_partners(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"rapid_review_id": request.getfixturevalue("review").pk}


def challenged(request: pytest.FixtureRequest) -> dict[str, Any]:
    review = request.getfixturevalue("decided_review")
    return {"rapid_review_id": review.pk}


def reminder_day(request: pytest.FixtureRequest) -> dict[str, Any]:
    invitation = request.getfixturevalue("invite")(request.getfixturevalue("school"))
    return {"today": scoping_return_due(invitation).isoformat()}


def delay_day(request: pytest.FixtureRequest) -> dict[str, Any]:
    review = request.getfixturevalue("cspr")
    bu = _world(request).person("business_unit")
    PublicationDelay.objects.create(
        review=review, reason="inquest", review_on=dt.date(2026, 3, 2), recorded_by=bu
    )
    return {"today": "2026-03-02"}


def overdue_action(request: pytest.FixtureRequest) -> dict[str, Any]:
    review = request.getfixturevalue("cspr")
    world = _world(request)
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    plan = plan_start(case=review.case, by=bu)
    recommendation = recommendation_add(plan=plan, by=bu, text="x", response="accepted")
    action_add(
        recommendation=recommendation,
        by=bu,
        values={
            "what": "x",
            "agency": lead.memberships.get().agency,
            "owner": lead,
            "starts_on": dt.date(2026, 3, 2),
            "due_on": dt.date(2026, 3, 31),
            "impact_measure": "x",
        },
    )
    return {"today": "2026-04-01"}


def queued_upload(request: pytest.FixtureRequest) -> dict[str, Any]:
    world = _world(request)
    batch = batch_upload(
        partnership=world.partnership,
        by=world.person("business_unit"),
        uploads=[upload("learning.pdf", pdf_bytes("Escalation of concerns."))],
    )
    record = batch.files.get()
    assert record.status == UploadStatus.QUEUED
    return {"upload_id": record.pk}


def commissioned(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"commission_id": request.getfixturevalue("commission").pk}


def published_item(request: pytest.FixtureRequest) -> dict[str, Any]:
    request.getfixturevalue("published_review")
    item = LearningItem.objects.get(origin=Origin.PUBLISHED)
    LearningItem.objects.filter(pk=item.pk).update(text="")  # as before its text is read
    return {"item_id": item.pk}


# task -> how to give it something to do (its keyword arguments).
SITUATIONS: dict[str, Situation] = {
    "cspr.accounts.tasks.send_invitation": new_person,
    "cspr.accounts.tasks.send_two_factor_reset_notice": reset_person,
    "cspr.cases.tasks.tell_business_unit_of_referral": referred,
    "cspr.disputes.tasks.tell_business_unit_of_dispute": raised,
    "cspr.disputes.tasks.tell_of_escalation": escalated,
    "cspr.rapid_reviews.tasks.send_invitation_to_agency": invited,
    "cspr.rapid_reviews.tasks.tell_agency_return_sent_back": sent_back,
    "cspr.rapid_reviews.tasks.ask_partners_to_decide": with_partners,
    "cspr.rapid_reviews.tasks.tell_business_unit_of_challenge": with_partners,
    "cspr.rapid_reviews.tasks.tell_contributors_of_outcome": challenged,
    "cspr.rapid_reviews.tasks.send_scoping_reminders": reminder_day,
    "cspr.publication.tasks.send_publication_delay_reminders": delay_day,
    "cspr.actions.tasks.send_overdue_action_reminders": overdue_action,
    "cspr.learning.tasks.read_uploaded_file": queued_upload,
    "cspr.learning.tasks.read_published_report": published_item,
    "cspr.reviews.tasks.tell_reviewer_of_commission": commissioned,
}


def all_tasks() -> dict[str, Task[Any, Any]]:
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("cspr."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, Task) and value.module_path == f"{module.__name__}.{name}":
                found[value.module_path] = value
    return found


def test_every_task_has_a_situation() -> None:
    tasks = all_tasks()
    assert len(tasks) >= 15
    assert sorted(set(tasks) - set(SITUATIONS)) == [], (
        "Say in SITUATIONS (tests/security/test_tasks.py) how to give these tasks something to do"
    )
    assert sorted(set(SITUATIONS) - set(tasks)) == []


@pytest.mark.parametrize("path", sorted(SITUATIONS))
def test_a_task_run_twice_does_its_work_once(
    path: str, request: pytest.FixtureRequest, frozen_today: Any
) -> None:
    task = all_tasks()[path]
    kwargs = SITUATIONS[path](request)
    mail.outbox.clear()
    before = contents()
    task.call(**kwargs)
    sent, after = len(mail.outbox), contents()
    assert sent or changed(before, after), "the first run did nothing: a situation to fix"
    task.call(**kwargs)
    assert len(mail.outbox) == sent, "the second run sent e-mail again"
    assert changed(after, contents()) == [], "the second run changed rows"


# Retries --------------------------------------------------------------------------------------

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_queued() -> None:
    """What ``manage.py db_worker --batch`` does, one task at a time, in this test's
    transaction (the command would close the test's connection)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
        result.claim(worker.worker_id)
        worker.run_task(result)


class FlakyMail:
    """The mail server is down for the first ``failures`` messages."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("the mail server is down")
        return real_send_mail(*args, **kwargs)


real_send_mail = importlib.import_module("django.core.mail").send_mail


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failed_task_is_retried_and_its_e_mail_sent_once(
    make_case: Any, frozen_today: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case()
    mail.outbox.clear()
    monkeypatch.setattr("cspr.cases.tasks.send_mail", FlakyMail(failures=1))
    tell_business_unit_of_referral.enqueue(case_id=case.pk)
    run_queued()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert mail.outbox == []
    call_command("retry_failed_tasks")
    run_queued()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    call_command("retry_failed_tasks")  # nothing left to retry
    run_queued()
    assert len(mail.outbox) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_that_keeps_failing_is_given_up_after_its_attempts(
    make_case: Any, frozen_today: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    case = make_case()
    mail.outbox.clear()
    monkeypatch.setattr("cspr.cases.tasks.send_mail", FlakyMail(failures=99))
    tell_business_unit_of_referral.enqueue(case_id=case.pk)
    run_queued()
    for _ in range(5):
        call_command("retry_failed_tasks", attempts=3)
        run_queued()
    assert DBTaskResult.objects.count() == 3
    assert "failed 3 times: not queued again" in capsys.readouterr().err
    assert mail.outbox == []
