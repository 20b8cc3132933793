from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cspr.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Audit trail broken after {report.checked} intact events: {report.reason}."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.checked} events."))
        if report.bridged:
            self.stdout.write(
                f"It was restored from a partnership archive: {report.bridged} gap"
                f"{'s' if report.bridged != 1 else ''} where other events of the source "
                "database were left out, each recorded by the audited restore."
            )
