from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspr.backups.services.importing import archive_verify, partnership_import
from cspr.backups.state import migration_differences
from cspr.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore a partnership archive (from export_partnership) into this empty, freshly "
        "migrated database, in one transaction. --verify-only checks it and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="check the checksums, format and audit events; restore nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archive"]
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            if options["verify_only"]:
                manifest = archive_verify(path=path)
                rows = sum(entry["count"] for entry in manifest["models"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"The archive of {manifest['partnership']['slug']} made "
                        f"{manifest['created_at']} is complete and undamaged: {rows} rows, "
                        f"{manifest['files']} files. Nothing was restored."
                    )
                )
                differences = migration_differences(manifest["migrations"])
                if differences:
                    self.stdout.write(
                        "This database could not restore it: its migrations differ "
                        f"({', '.join(differences)}). Use the CSPR version that made it."
                    )
                return
            result = partnership_import(path=path)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.partnership.slug}: {result.rows} rows and {result.files} "
                f"files from the archive with SHA-256 {result.archive_sha256}."
            )
        )
        if result.gaps:
            self.stdout.write(
                f"The audit trail has {result.gaps} recorded gap(s) where other events of the "
                "source database were; manage.py verify_audit checks it."
            )
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
