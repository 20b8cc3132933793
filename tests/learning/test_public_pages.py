"""The public learning library: anyone may search it and read an item, signed in or not; only
public items are ever shown (issue 6, the learning library; issue 7, a member of the public
finds the review)."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.learning.models import LearningItem
from tests.fixtures.library import library_item

pytestmark = pytest.mark.django_db

SEARCH = "/learning/"


def item_url(item: LearningItem) -> str:
    return reverse("library:item", kwargs={"item_id": item.pk})


def text(response: Any) -> str:
    return response.content.decode()


def results(response: Any) -> str:
    """The results column only (the filters name themes and partnerships too)."""
    return text(response).split('id="results-heading"', 1)[1]


def test_the_search_page_needs_no_sign_in_and_lists_public_items_newest_first(
    client: Client, corpus: dict[str, LearningItem]
) -> None:
    page = client.get(SEARCH)
    assert page.status_code == 200
    body = text(page)
    assert body.count("<h1") == 1
    assert "<title>Learning library – CSPR</title>" in body
    assert "4 results" in body
    listed = results(page)
    assert (
        listed.index("Online harm") < listed.index("Bruising in babies") < listed.index("Neglect")
    )
    assert corpus["draft"].title not in body


def test_a_search_shows_ranked_results_with_marked_snippets(
    client: Client, corpus: dict[str, LearningItem]
) -> None:
    page = client.get(SEARCH, {"q": "bruising"})
    body = results(page)
    assert "<title>“bruising”: Learning library – CSPR</title>" in text(page)
    assert "3 results for “bruising”" in body
    assert body.index(corpus["title"].title) < body.index(corpus["summary"].title)
    assert body.index(corpus["summary"].title) < body.index(corpus["body"].title)
    assert "<mark>bruising</mark>" in body.lower()
    assert "Westmarch Safeguarding Children Partnership, 2023. Local learning review." in body
    assert "Themes: Physical abuse or non-accidental injury" in body


def test_what_was_typed_is_kept_and_escaped(client: Client, corpus: Any) -> None:
    body = text(client.get(SEARCH, {"q": '<script>alert("x")</script>'}))
    assert "<script>alert" not in body
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in body


def test_filters_are_a_get_form_that_works_without_javascript(
    client: Client, corpus: dict[str, LearningItem]
) -> None:
    page = client.get(
        SEARCH, {"q": "bruising", "review_type": ["cspr", "scr"], "age_group": "under_1"}
    )
    body = text(page)
    assert "1 result for" in body
    assert corpus["title"].title in results(page)
    assert corpus["body"].title not in results(page)
    assert 'method="get"' in body
    assert "csrfmiddlewaretoken" not in body
    assert re.search(r'value="cspr"\s+checked', body)
    assert "Clear the filters" in body


def test_theme_year_and_partnership_filters_offer_only_what_the_library_has(
    client: Client, corpus: dict[str, LearningItem]
) -> None:
    body = text(client.get(SEARCH))
    assert '<option value="2025">2025</option>' in body
    assert '<option value="2019">' not in body
    assert '<option value="online-harm">' in body
    assert '<option value="Westmarch Safeguarding Children Partnership">' in body
    filtered = results(client.get(SEARCH, {"theme": "neglect", "year": "2022"}))
    assert "1 result" in filtered
    assert corpus["body"].title in filtered


def test_a_filter_value_the_library_does_not_have_is_an_error_shown_in_the_summary(
    client: Client, corpus: Any
) -> None:
    page = client.get(SEARCH, {"year": "1850"})
    body = text(page)
    assert page.status_code == 200
    assert "There is a problem" in body
    assert "<title>Error: Learning library – CSPR</title>" in body


def test_results_are_paginated_and_the_page_keeps_the_search(client: Client) -> None:
    for number in range(25):
        library_item(title=f"Escalation review {number}", year=2000 + number)
    body = text(client.get(SEARCH, {"q": "escalation", "page": "2"}))
    assert "25 results" in body
    assert "(page 2)" in body
    assert "?q=escalation&amp;page=1" in body


def test_the_search_page_costs_the_same_queries_with_twice_the_items(client: Client) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, {"q": "escalation"}).status_code == 200
        return len(captured.captured_queries)

    for number in range(10):
        library_item(title=f"Escalation {number}", year=2000 + number, themes=("neglect",))
    few = count()
    for number in range(10, 20):
        library_item(title=f"Escalation {number}", year=2000 + number, themes=("infant",))
    assert count() == few


def test_an_item_page_shows_its_summary_key_learning_and_confirmed_themes(
    client: Client, db: None
) -> None:
    item = library_item(
        title="Child P: learning review",
        summary="What happened.",
        key_learning="First point.\nSecond point.",
        url="https://www.example.org/child-p",
        age_group="5_10",
        themes=("neglect",),
    )
    page = client.get(item_url(item))
    body = text(page)
    assert page.status_code == 200
    assert body.count("<h1") == 1
    assert "<title>Child P: learning review: learning library – CSPR</title>" in body
    assert "<li>First point.</li>" in body
    assert "<li>Second point.</li>" in body
    assert "5 to 10" in body
    assert "Neglect" in body
    assert 'href="https://www.example.org/child-p"' in body


def test_a_suggested_theme_is_not_shown_until_it_is_confirmed(client: Client, db: None) -> None:
    from cspr.learning.models import ItemTheme, Theme  # noqa: PLC0415

    item = library_item(title="Child Q")
    ItemTheme.objects.create(
        item=item, theme=Theme.objects.get(slug="domestic-abuse"), reasons=["domestic abuse"]
    )
    body = text(client.get(item_url(item)))
    assert "Domestic abuse" not in body
    assert "None recorded" in body


@pytest.mark.parametrize("public", [False])
def test_a_draft_or_missing_item_is_not_found(client: Client, db: None, public: bool) -> None:
    draft = library_item(title="Draft", public=public)
    assert client.get(item_url(draft)).status_code == 404
    assert client.get(reverse("library:item", kwargs={"item_id": 999999})).status_code == 404


def test_the_footer_links_to_the_library(client: Client, db: None) -> None:
    assert 'href="/learning/"' in text(client.get(reverse("core:accessibility")))
