"""``manage.py import_learning FILE.jsonl [--dry-run]``: add reviews and learning summaries to
the library from a JSON Lines file, all or nothing. Every bad line is reported with its line
number; the command exits with status 1 and imports nothing if there is one."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspr.core.errors import DomainError
from cspr.learning.importing import read_jsonl
from cspr.learning.services.imports import library_import


class Command(BaseCommand):
    help = (
        "Import reviews and learning summaries into the learning library from a JSON Lines "
        "file: one object a line with title, partnership, year, review_type and summary, and "
        "optionally text, url, themes, key_learning and age_group. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .jsonl file (UTF-8)")
        parser.add_argument("--dry-run", action="store_true", help="check the file, import nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open(encoding="utf-8-sig") as lines:
                report = read_jsonl(lines)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error.reason}") from error
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if report.errors:
            for message in report.errors:
                self.stderr.write(message)
            count = len(report.errors)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found in {path.name}: nothing "
                "was imported."
            )
        if options["dry_run"]:
            self.stdout.write(
                f"{path.name} is correct: {len(report.rows)} item(s) would be imported "
                "(dry run, nothing imported)."
            )
            return
        try:
            items = library_import(rows=report.rows)
        except DomainError as error:
            raise CommandError(f"{error.message} Nothing was imported.") from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {len(items)} item(s) into the learning library.")
        )
