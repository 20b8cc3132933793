import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspr.learning.models import Facet
from cspr.learning.suggestions import suggest_themes


class Command(BaseCommand):
    help = (
        "Print the themes CSPR would suggest for a text file (UTF-8), strongest first, with "
        "the words that triggered each. Use - to read standard input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a plain text file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args: Any, **options: Any) -> None:
        text = self._read(options["file"])
        suggestions = suggest_themes(text)
        if options["json"]:
            rows = [
                {
                    "slug": suggestion.theme.slug,
                    "name": suggestion.theme.name,
                    "facet": suggestion.theme.facet,
                    "facet_label": Facet(suggestion.theme.facet).label,
                    "score": suggestion.score,
                    "reasons": list(suggestion.reasons),
                }
                for suggestion in suggestions
            ]
            self.stdout.write(json.dumps({"suggestions": rows}, indent=2, ensure_ascii=False))
            return
        if not suggestions:
            self.stdout.write("No themes suggested: none of the cue words is in the text.")
            return
        width = max(len(suggestion.theme.name) for suggestion in suggestions)
        self.stdout.write(f"{len(suggestions)} suggested themes, strongest first:")
        for suggestion in suggestions:
            facet = Facet(suggestion.theme.facet).label
            self.stdout.write(
                f"  {suggestion.theme.name:<{width}}  {facet:<18}  score {suggestion.score:5.2f}"
                f"  because of: {', '.join(suggestion.reasons)}"
            )

    def _read(self, name: str) -> str:
        if name == "-":
            return sys.stdin.read()
        path = Path(name)
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}.") from error
