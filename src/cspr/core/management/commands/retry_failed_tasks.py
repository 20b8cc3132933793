"""Queue again the background tasks that failed, up to a number of attempts in all. Every CSPR
task is idempotent (``core.tasks``), so running one again is safe. Run from cron every few
minutes beside ``manage.py db_worker``; what has failed ``--attempts`` times is reported and
left for a person to look at (its traceback is in the task's result)."""

import json
from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

WAITING = {TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.SUCCESSFUL}


def _key(result: DBTaskResult) -> tuple[str, str]:
    return result.task_path, json.dumps(result.args_kwargs, sort_keys=True)


class Command(BaseCommand):
    help = "Queue again the background tasks that failed (at most --attempts runs in all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--attempts", type=int, default=5, help="runs in all (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        failed_paths = set(
            DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).values_list(
                "task_path", flat=True
            )
        )
        runs: dict[tuple[str, str], list[DBTaskResult]] = defaultdict(list)
        for result in DBTaskResult.objects.filter(task_path__in=failed_paths).order_by(
            "enqueued_at"
        ):
            runs[_key(result)].append(result)
        queued = given_up = 0
        for (path, _), results in runs.items():
            if any(r.status in WAITING for r in results):
                continue  # done, or a run is queued or under way
            if len(results) >= options["attempts"]:
                given_up += 1
                self.stderr.write(f"{path} failed {len(results)} times: not queued again")
                continue
            last = results[-1]
            try:
                task = last.task
            except ImportError:
                self.stderr.write(f"{path} no longer exists: not queued again")
                continue
            task.enqueue(*last.args_kwargs["args"], **last.args_kwargs["kwargs"])
            queued += 1
        self.stdout.write(f"Queued again: {queued}. Given up: {given_up}.")
