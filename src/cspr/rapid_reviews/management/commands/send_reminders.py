import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cspr.actions.tasks import send_overdue_action_reminders
from cspr.publication.tasks import send_publication_delay_reminders
from cspr.rapid_reviews.tasks import send_scoping_reminders


class Command(BaseCommand):
    help = (
        "Queue today's reminders for the background worker: scoping returns two working days "
        "before SCOPING-RETURN and on the day, publication delays on their review date "
        "(PUBLISH-DELAY), and overdue actions to their owners, with a digest to the business "
        "unit (ACTIONS). Run it once a day (cron); running it twice sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        send_scoping_reminders.enqueue(today=today.isoformat())
        send_publication_delay_reminders.enqueue(today=today.isoformat())
        send_overdue_action_reminders.enqueue(today=today.isoformat())
        self.stdout.write(f"Reminders for {today:%-d %B %Y} queued.")
