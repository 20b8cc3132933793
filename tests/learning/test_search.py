"""Searching the library on a small fixed corpus: the same results on PostgreSQL (full-text
search) and SQLite (FTS5), whichever this run uses (issue 6, the learning library)."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspr.learning.models import LearningItem
from cspr.learning.search import SearchFilters, fts5_query, highlight, search
from tests.fixtures.library import library_item

pytestmark = pytest.mark.django_db


def titles(query: str, filters: SearchFilters | None = None) -> list[str]:
    return [r.item.title for r in search(query, filters).results]


def test_the_engine_is_the_database_s_own(corpus: dict[str, LearningItem]) -> None:
    """Guards the guard: both engines are exercised, one in each database's run."""
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_title_match_outranks_a_summary_match_which_outranks_a_body_match(
    corpus: dict[str, LearningItem],
) -> None:
    results = search("bruising").results
    assert [r.item for r in results] == [corpus["title"], corpus["summary"], corpus["body"]]
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert scores[-1] > 0


def test_a_draft_never_appears(corpus: dict[str, LearningItem]) -> None:
    assert corpus["draft"].title not in titles("bruising")
    assert corpus["draft"].title not in titles("")
    assert corpus["draft"].title not in titles("draft nobody")


def test_words_match_in_any_form(corpus: dict[str, LearningItem]) -> None:
    """English stemming on both engines: "neglected" finds "neglect", "injury" "injuries"."""
    assert titles("neglected") == [corpus["body"].title]
    assert titles("injury") == [corpus["summary"].title]


def test_every_word_is_needed_or_gives_either_and_minus_leaves_out(
    corpus: dict[str, LearningItem],
) -> None:
    assert titles("bruising infant") == [corpus["title"].title]
    assert set(titles("neglect or online")) == {corpus["script"].title, corpus["body"].title}
    assert corpus["body"].title not in titles("bruising -teacher")
    assert titles('"poor home conditions"') == [corpus["body"].title]
    assert titles('"conditions poor home"') == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "NEAR(a b)",
        "bruising AND",
        "OR OR",
        "title:bruising",
        "* ^ - + ( ) { } :",
        "!&|<->",
        "a'b\"c",
        "'); DROP TABLE learning_learningitem; --",
        "\u0000",
        "bruis\u0000ing \ue000",
    ],
)
def test_nothing_typed_raises_an_error(corpus: dict[str, LearningItem], query: str) -> None:
    results = search(query)
    assert results.total >= 0
    assert LearningItem.objects.count() == len(corpus)


def test_the_fts5_query_quotes_every_word() -> None:
    assert fts5_query("bruising babies") == '"bruising" AND "babies"'
    assert fts5_query('NEAR("x") or title:y') == '("NEAR x" OR "title y")'
    assert fts5_query('x "unclosed') == '"x" AND "unclosed"'
    assert fts5_query("a -b") == '("a") NOT ("b")'
    assert fts5_query('"home conditions" -"poor"') == '("home conditions") NOT ("poor")'
    assert fts5_query("- ( ) :") is None


def test_the_snippet_highlights_the_words_found(corpus: dict[str, LearningItem]) -> None:
    [result] = list(search("visitors").results)
    assert "<mark>visitors</mark>" in result.snippet.lower()


def test_the_snippet_escapes_html_from_the_text(corpus: dict[str, LearningItem]) -> None:
    [result] = search("threats").results
    snippet = str(result.snippet)
    assert "<mark>threats</mark>" in snippet
    # SQLite's snippet keeps the tag, escaped; PostgreSQL's headline leaves tags out.
    assert "<" not in re.sub("</?mark>", "", snippet)
    assert "&lt;script&gt;" in snippet or "script" not in snippet


def test_highlight_escapes_everything_but_its_own_marks() -> None:
    marked = "<b>x</b> \ue000found & kept\ue001 \ue001 \ue000open"
    assert str(highlight(marked)) == (
        "&lt;b&gt;x&lt;/b&gt; <mark>found &amp; kept</mark>  <mark>open</mark>"
    )


def test_without_a_query_everything_public_comes_newest_first_with_its_summary(
    corpus: dict[str, LearningItem],
) -> None:
    results = search("").results
    assert [r.item.year for r in results] == [2025, 2024, 2023, 2022]
    assert "&lt;script&gt;" in str(results[0].snippet)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(themes=("physical-abuse",)), {"title", "summary"}),
        (SearchFilters(themes=("neglect", "infant")), {"title", "body"}),
        (SearchFilters(years=(2023,)), {"summary"}),
        (SearchFilters(review_types=("scr", "cspr")), {"title", "body"}),
        (
            SearchFilters(sources=("Westmarch Safeguarding Children Partnership",)),
            {"summary"},
        ),
        (SearchFilters(age_groups=("under_1",)), {"title"}),
        (SearchFilters(themes=("physical-abuse",), years=(2024,)), {"title"}),
    ],
)
def test_filters_narrow_the_results(
    corpus: dict[str, LearningItem], filters: SearchFilters, expected: set[str]
) -> None:
    found = {r.item.pk for r in search("bruising", filters).results}
    keys = {key for key, item in corpus.items() if item.pk in found}
    assert keys == expected
    everything = {r.item.pk for r in search("", filters).results}
    assert everything >= {corpus[key].pk for key in expected}


def test_a_theme_counts_only_once_confirmed(corpus: dict[str, LearningItem]) -> None:
    from cspr.learning.models import ItemTheme, Theme  # noqa: PLC0415

    ItemTheme.objects.create(
        item=corpus["script"], theme=Theme.objects.get(slug="neglect"), reasons=["neglect"]
    )
    assert corpus["script"] not in [
        r.item for r in search("", SearchFilters(themes=("neglect",))).results
    ]


def test_results_are_paginated(db: None) -> None:
    for number in range(25):
        library_item(title=f"Escalation review {number}", year=2000 + number)
    first = search("escalation", page=1)
    second = search("escalation", page=2)
    assert first.total == 25
    assert len(first.results) == 20
    assert len(second.results) == 5
    assert not {r.item.pk for r in first.results} & {r.item.pk for r in second.results}
    assert search("escalation", page="999").page.number == 2  # past the end: the last page


def _queries(query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        results = search(query, SearchFilters(themes=("neglect",)))
        for result in results.results:
            _ = (result.item.confirmed, result.item.source, str(result.snippet))
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["escalation", ""])
def test_the_number_of_queries_does_not_grow_with_the_results(db: None, query: str) -> None:
    for number in range(5):
        library_item(title=f"Escalation {number}", year=2010 + number, themes=("neglect",))
    few = _queries(query)
    for number in range(5, 15):
        library_item(title=f"Escalation {number}", year=2010 + number, themes=("neglect", "infant"))
    assert _queries(query) == few
    assert few <= 5


def test_search_learning_prints_ranked_results_as_json(corpus: dict[str, LearningItem]) -> None:
    out = io.StringIO()
    call_command("search_learning", "bruising", "--json", "--limit", "2", stdout=out)
    rows = json.loads(out.getvalue())
    assert [row["id"] for row in rows] == [corpus["title"].pk, corpus["summary"].pk]
    assert rows[0]["title"] == corpus["title"].title
    assert rows[0]["score"] > rows[1]["score"] > 0


def test_search_learning_prints_a_table_and_says_when_nothing_matches(
    corpus: dict[str, LearningItem],
) -> None:
    out = io.StringIO()
    call_command("search_learning", "neglect", stdout=out)
    assert str(corpus["body"].pk) in out.getvalue()
    assert "Neglect over many years" in out.getvalue()
    out = io.StringIO()
    call_command("search_learning", '"', stdout=out)
    assert out.getvalue().strip() == "No results."
