from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cspr.backups import selectors
from cspr.backups.services.retention import expired_case_delete
from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "List the closed cases whose retention period has run out (reference and closed date "
        "only); with --confirm, delete each one, keeping its published report and published "
        "learning. Run daily from cron, with --confirm, once the partnership has checked the list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="only this partnership (its slug)")
        parser.add_argument(
            "--confirm", action="store_true", help="delete them; without it nothing changes"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        partnerships = Partnership.objects.order_by("slug")
        if options["partnership"]:
            partnerships = partnerships.filter(slug=options["partnership"])
            if not partnerships.exists():
                raise CommandError(f"There is no partnership {options['partnership']}.")
        total = deleted = 0
        for partnership in partnerships:
            policy = selectors.policy_of(partnership)
            if policy is None:
                self.stdout.write(f"{partnership.slug}: no retention period set; nothing deleted.")
                continue
            expired = selectors.expired_cases(partnership=partnership, today=today)
            self.stdout.write(
                f"{partnership.slug}: closed cases are kept {policy.years} year"
                f"{'s' if policy.years != 1 else ''}; {len(expired)} past it."
            )
            for closed in expired:
                total += 1
                line = f"  {closed.reference}  closed {closed.closed_on:%-d %B %Y}"
                if not options["confirm"]:
                    self.stdout.write(line)
                    continue
                try:
                    result = expired_case_delete(
                        case=Case.objects.get(pk=closed.case_id), today=today
                    )
                except DomainError as error:
                    self.stderr.write(f"{line}: not deleted. {error.message}")
                    continue
                deleted += 1
                kept = " (kept as a reference for its public record)" if result.tombstone else ""
                self.stdout.write(
                    f"{line}: deleted, {sum(result.deleted.values())} rows and "
                    f"{result.files} files{kept}"
                )
        if options["confirm"]:
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} of {total} case(s)."))
        elif total:
            self.stdout.write(
                f"Nothing was deleted. Run again with --confirm to delete these {total} case(s)."
            )
