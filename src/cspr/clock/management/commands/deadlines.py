import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspr.clock.selectors import deadline_table
from cspr.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Print every statutory rule's date counted from DATE (YYYY-MM-DD)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", help="the date the clock starts, as YYYY-MM-DD")
        parser.add_argument(
            "--partnership", help="use this partnership's local lengths (its slug)", default=None
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(
                f"Enter the date as YYYY-MM-DD, like 2025-12-19 ({error})."
            ) from error
        partnership = None
        if options["partnership"]:
            partnership = Partnership.objects.filter(slug=options["partnership"]).first()
            if partnership is None:
                raise CommandError(f"No partnership with the slug {options['partnership']!r}.")
        rows = deadline_table(start=start, partnership=partnership)
        self.stdout.write(f"Dates counted from {start:%A %-d %B %Y}")
        width = max(len(row.rule.id) for row in rows)
        for row in rows:
            period = row.rule.period(row.length)
            local = " (local)" if row.is_local else ""
            self.stdout.write(
                f"{row.rule.id:<{width}}  {period + local:<28}  {row.date:%a %Y-%m-%d}"
            )
