"""Searching the public library: one interface, two engines.

``search(query, filters, page)`` returns a page of ranked results, each with its score and a
snippet in which the words found are marked with ``<mark>``. On PostgreSQL it uses the full-text
search of ``django.contrib.postgres`` over the stored, weighted ``search_vector`` column (title A,
key learning and summary B, full text C); on SQLite an FTS5 table ranked by ``bm25()`` with the
same weights in spirit (10, 4, 1) and ``snippet()``. The schema of both is in
:mod:`cspr.learning.search_schema`.

What people type is never passed on as query syntax: on PostgreSQL it goes through
``websearch_to_tsquery`` (which never raises an error), and for FTS5 it is rebuilt from its words,
each quoted, so quotes and operators cannot break the query. The query language is the same on
both: words must all be found (in any form of the word: "neglected" finds "neglect"), "quoted
words" as a phrase, ``or`` between words for either, and ``-word`` to leave out.

Snippets are built safely: the engines mark the words found with private-use characters that
stored text never contains (``extraction.clean_text``), the snippet is HTML-escaped, and only
then are the marks turned into ``<mark>`` elements.

A page costs the same few queries whatever the number of results: the count, the ranked ids
of the page, the items with their confirmed themes, and (SQLite) the snippets.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from cspr.learning.extraction import HIGHLIGHT_END, HIGHLIGHT_START, clean_text
from cspr.learning.models import ItemTheme, LearningItem
from cspr.learning.search_schema import FTS_TABLE, ITEM_TABLE, PG_COLUMN, PG_CONFIG

PAGE_SIZE = 20
SNIPPET_WORDS = 30
# ts_headline reads the whole text it is given: it is given the start of long reports only.
HEADLINE_CHARACTERS = 100_000
# bm25 weights for the FTS5 columns title, learning (key learning and summary), body.
FTS_WEIGHTS = (10.0, 4.0, 1.0)

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchFilters:
    """Within one filter any value may match; all the filters given must match."""

    themes: tuple[str, ...] = ()  # theme slugs
    years: tuple[int, ...] = ()
    review_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # partnership names
    age_groups: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(
            self.themes or self.years or self.review_types or self.sources or self.age_groups
        )


@dataclass(frozen=True)
class SearchResult:
    item: LearningItem
    score: float
    snippet: SafeString


@dataclass
class SearchResults:
    query: str
    page: Page[Any]
    results: list[SearchResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return int(self.page.paginator.count)


def confirmed_themes() -> Prefetch[Any]:
    """An item's themes as the public sees them: confirmed ones only (``item.confirmed``)."""
    return Prefetch(
        "item_themes",
        queryset=ItemTheme.objects.filter(confirmed_at__isnull=False).select_related("theme"),
        to_attr="confirmed",
    )


def filtered(filters: SearchFilters) -> QuerySet[LearningItem]:
    """Public items matching the filters (a theme counts only once confirmed)."""
    items = LearningItem.objects.public()
    if filters.themes:
        items = items.filter(
            Exists(
                ItemTheme.objects.filter(
                    item=OuterRef("pk"),
                    confirmed_at__isnull=False,
                    theme__slug__in=filters.themes,
                )
            )
        )
    if filters.years:
        items = items.filter(year__in=filters.years)
    if filters.review_types:
        items = items.filter(review_type__in=filters.review_types)
    if filters.sources:
        items = items.filter(source_name__in=filters.sources)
    if filters.age_groups:
        items = items.filter(age_group__in=filters.age_groups)
    return items


def _typed(query: str | None) -> str:
    """What was typed, on one line, without control characters (PostgreSQL refuses NUL)."""
    return " ".join(clean_text(query or "", limit=500).split())


def search(query: str, filters: SearchFilters | None = None, page: Any = 1) -> SearchResults:
    """Ranked public items for ``query`` (all of them, newest first, when it is blank)."""
    filters = filters or SearchFilters()
    query = _typed(query)
    base = filtered(filters)
    engine = _engine()
    if not query or not engine.understands(query):
        ranked: Any = base.order_by("-year", "title", "pk").values_list("pk", Value(0.0))
        if query:  # only punctuation or operators: nothing can match
            ranked = base.none().values_list("pk", Value(0.0))
        current = Paginator(ranked, PAGE_SIZE).get_page(page)
        return _results(query, current, engine=None)
    current = Paginator(engine.ranked(query, base), PAGE_SIZE).get_page(page)
    return _results(query, current, engine=engine)


def _results(query: str, current: Page[Any], *, engine: "_Engine | None") -> SearchResults:
    rows = list(current.object_list)
    ids = [pk for pk, _ in rows]
    items: QuerySet[LearningItem] = LearningItem.objects.filter(pk__in=ids)
    items = items.select_related("partnership")
    items = items.prefetch_related(confirmed_themes())
    snippets: dict[int, str] = {}
    if engine is not None:
        items, snippets = engine.snippets(query, ids, items)
    found = {item.pk: item for item in items}
    results = []
    for pk, score in rows:
        item = found[pk]
        marked = snippets.get(pk) or getattr(item, "headline", "") or ""
        if HIGHLIGHT_START not in marked:
            marked = Truncator(item.summary).words(SNIPPET_WORDS)
        results.append(SearchResult(item=item, score=float(score or 0), snippet=highlight(marked)))
    return SearchResults(query=query, page=current, results=results)


def highlight(marked: str) -> SafeString:
    """HTML-escape the snippet, then turn the engine's marks into ``<mark>`` elements."""
    escaped = str(escape(marked))
    opened = 0
    out: list[str] = []
    for char in escaped:
        if char == HIGHLIGHT_START:
            if not opened:
                out.append("<mark>")
            opened += 1
        elif char == HIGHLIGHT_END:
            if opened == 1:
                out.append("</mark>")
            opened = max(opened - 1, 0)
        else:
            out.append(char)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 (escaped above; only <mark> added)


# Engines -----------------------------------------------------------------------------------


class _Engine:
    def understands(self, query: str) -> bool:
        raise NotImplementedError

    def ranked(self, query: str, base: QuerySet[LearningItem]) -> Any:
        """A lazy sequence of (id, score), best first, with ``count()``, for the paginator."""
        raise NotImplementedError

    def snippets(
        self, query: str, ids: list[int], items: QuerySet[LearningItem]
    ) -> tuple[QuerySet[LearningItem], dict[int, str]]:
        raise NotImplementedError


class _Postgres(_Engine):
    def _query(self, query: str) -> Any:
        from django.contrib.postgres.search import SearchQuery  # noqa: PLC0415

        return SearchQuery(query, search_type="websearch", config=PG_CONFIG)

    def understands(self, query: str) -> bool:
        return bool(_WORD.search(query))

    def ranked(self, query: str, base: QuerySet[LearningItem]) -> Any:
        from django.contrib.postgres.search import SearchRank, SearchVectorField  # noqa: PLC0415

        search_query = self._query(query)
        column = f'"{ITEM_TABLE}"."{PG_COLUMN}"'  # constants: the stored search column
        vector = RawSQL(column, (), output_field=SearchVectorField())  # noqa: S611
        return (
            base.annotate(vector=vector, score=SearchRank(F("vector"), search_query))
            .filter(vector=search_query)
            .order_by("-score", "-year", "pk")
            .values_list("pk", "score")
        )

    def snippets(
        self, query: str, ids: list[int], items: QuerySet[LearningItem]
    ) -> tuple[QuerySet[LearningItem], dict[int, str]]:
        from django.contrib.postgres.search import SearchHeadline  # noqa: PLC0415

        words = Concat(
            "summary",
            Value("\n"),
            "key_learning",
            Value("\n"),
            Left("text", HEADLINE_CHARACTERS),
            output_field=TextField(),
        )
        headline = SearchHeadline(
            words,
            self._query(query),
            config=PG_CONFIG,
            start_sel=HIGHLIGHT_START,
            stop_sel=HIGHLIGHT_END,
            max_words=SNIPPET_WORDS,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        return items.annotate(headline=headline), {}


class _RankedFts:
    """The FTS5 matches among the filtered items, best first, counted and sliced in SQL."""

    def __init__(self, match: str, base: QuerySet[LearningItem]) -> None:
        self.match = match
        inner, params = base.order_by().values("pk").query.sql_with_params()
        self.where = f"{FTS_TABLE} MATCH %s AND rowid IN ({inner})"
        self.params = [match, *params]

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {self.where}", self.params)  # noqa: S608
            return int(cursor.fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[tuple[int, float]]:
        if not isinstance(key, slice):
            raise TypeError("Only slices of the results can be read.")
        start = key.start or 0
        limit = -1 if key.stop is None else max(key.stop - start, 0)
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {self.where} ORDER BY bm25({FTS_TABLE}, {weights}), rowid "
                "LIMIT %s OFFSET %s",
                [*self.params, limit, start],
            )
            return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


class _Sqlite(_Engine):
    def understands(self, query: str) -> bool:
        return fts5_query(query) is not None

    def ranked(self, query: str, base: QuerySet[LearningItem]) -> Any:
        match = fts5_query(query)
        if match is None:
            raise ValueError("An empty query has no ranking.")
        return _RankedFts(match, base)

    def snippets(
        self, query: str, ids: list[int], items: QuerySet[LearningItem]
    ) -> tuple[QuerySet[LearningItem], dict[int, str]]:
        match = fts5_query(query)
        if not ids or match is None:
            return items, {}
        marks = f"'{HIGHLIGHT_START}', '{HIGHLIGHT_END}', ' … ', {SNIPPET_WORDS}"
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, 1, {marks}), snippet({FTS_TABLE}, 2, {marks}) "  # noqa: S608
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
                [match, *ids],
            )
            found: dict[int, str] = {}
            for pk, learning, body in cursor.fetchall():
                found[int(pk)] = next(
                    (text for text in (learning, body) if HIGHLIGHT_START in (text or "")), ""
                )
        return items, found


def _engine() -> _Engine:
    return _Postgres() if connection.vendor == "postgresql" else _Sqlite()


def _phrase(text: str) -> str | None:
    words = _WORD.findall(text)
    return '"' + " ".join(words) + '"' if words else None


def fts5_query(query: str) -> str | None:
    """An FTS5 query built from the words people typed, with the meaning websearch_to_tsquery
    gives them on PostgreSQL: every word (or "phrase") required, ``or`` between two for either,
    ``-word`` to leave one out. Only words, each quoted, reach FTS5, so nothing typed can be
    an FTS5 operator or a syntax error. None when there is nothing to look for."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in _TOKEN.finditer(query):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.casefold() == "or":
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _phrase(quoted if quoted is not None else bare or "")
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    expression = " AND ".join(
        group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in groups
    )
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression


def ranked_items(
    query: str, *, limit: int = PAGE_SIZE, filters: SearchFilters | None = None
) -> list[tuple[LearningItem, float]]:
    """The best ``limit`` public items for ``query`` with their scores, best first (for
    ``manage.py search_learning``). Nothing for a blank query."""
    engine = _engine()
    query = _typed(query)
    if not query or not engine.understands(query):
        return []
    rows = list(engine.ranked(query, filtered(filters or SearchFilters()))[:limit])
    found = LearningItem.objects.in_bulk([pk for pk, _ in rows])
    return [(found[pk], float(score or 0)) for pk, score in rows]
