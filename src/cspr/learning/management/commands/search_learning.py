"""``manage.py search_learning "QUERY" [--json] [--limit N]``: the public library's best
matches for a query, ranked as on the search page (id, title, score)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cspr.learning.search import ranked_items


class Command(BaseCommand):
    help = "Search the public learning library and print the ranked results (id, title, score)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "query", help='what to look for, as on the search page: "quoted phrase", or, -word'
        )
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument("--limit", type=int, default=20, help="at most N results (20)")

    def handle(self, *args: Any, **options: Any) -> None:
        limit = max(1, options["limit"])
        results = ranked_items(options["query"], limit=limit)
        if options["json"]:
            rows = [{"id": item.pk, "title": item.title, "score": score} for item, score in results]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not results:
            self.stdout.write("No results.")
            return
        for item, score in results:
            self.stdout.write(f"{item.pk:>6}  {score:<12.6g}  {item.title}")
