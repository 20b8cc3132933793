from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cspr.backups.services.exporting import partnership_export
from cspr.core.errors import DomainError
from cspr.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Write one partnership's complete archive (its rows, its people, its files and its "
        "audit trail, with a checksum manifest) to a zip file. The archive is as sensitive as "
        "the database: store it encrypted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the partnership's slug, as in its addresses")
        parser.add_argument(
            "--output",
            type=Path,
            help="where to write the archive (default: cspr-<slug>-<time>.zip here)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"There is no partnership {slug}.")
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = options["output"] or Path(f"cspr-{slug}-{stamp}.zip")
        try:
            result = partnership_export(partnership=partnership, path=path, by=None)
        except DomainError as error:
            raise CommandError(error.message) from error
        manifest = result.manifest
        audit = manifest["audit"]
        self.stdout.write(self.style.SUCCESS(f"Archive written: {result.path}"))
        self.stdout.write(f"SHA-256: {result.sha256} (keep it apart from the archive)")
        self.stdout.write(
            f"{result.rows} rows of {len(manifest['models'])} models, {manifest['files']} files, "
            f"{audit['events']} audit events ({audit['gaps']} gaps where other events were)."
        )
        if not audit["source_chain"]["intact"]:
            self.stderr.write(
                "Warning: this database's audit trail does not verify: "
                f"{audit['source_chain']['reason']}. The archive records it."
            )
