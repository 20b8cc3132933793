from typing import Any

from django.core.management.base import BaseCommand

from cspr.learning.theme_services import theme_cues_sync


class Command(BaseCommand):
    help = (
        "Bring the cue words of the seeded themes up to date with cspr/learning/vocabulary.py. "
        "Themes added, renamed, or whose cues were changed on the theme pages are left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = theme_cues_sync(by=None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Theme cues: {len(report.updated)} updated, {len(report.unchanged)} already "
                "up to date."
            )
        )
        kept = {
            "renamed by an administrator": report.kept_renamed,
            "cues changed by an administrator": report.kept_edited,
            "no longer in the database": report.missing,
        }
        for reason, slugs in kept.items():
            if slugs:
                self.stdout.write(f"Left alone ({reason}): {', '.join(slugs)}")
