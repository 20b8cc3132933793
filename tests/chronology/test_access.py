"""Every chronology URL: guarded, refused (404) to every person of another partnership by GET
and by POST, and each page well formed. URL keywords: partnership_slug, reference, entry_id."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.chronology.conftest import chronology_url
from tests.core.test_page_structure import assert_well_formed

PAGES = ["list", "add", "import", "timeline"]
ENTRY_PAGES = ["edit", "delete"]


@pytest.fixture
def ids(cspr, school, entries_for) -> dict[str, object]:
    entry = entries_for(school, 1)[0]
    return {
        "partnership_slug": cspr.case.partnership.slug,
        "reference": cspr.case.reference,
        "entry_id": entry.pk,
    }


def walk(
    patterns: list[Any], namespace: str = "", keywords: frozenset[str] = frozenset()
) -> Iterator[tuple[str, frozenset[str]]]:
    """Each URL name with every keyword of its route, those of the includes above it too
    (``reference`` comes from the include of the chronology's URLs)."""
    for entry in patterns:
        own = keywords | set(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, own)
        else:
            yield f"{namespace}{entry.name}", own


def chronology_urls(ids: dict[str, object]) -> list[str]:
    urls = []
    for name, keywords in walk(get_resolver().url_patterns):
        if name.startswith("chronology:"):
            assert keywords <= set(ids), f"{name} needs {keywords - set(ids)}"
            urls.append(reverse(name, kwargs={k: ids[k] for k in keywords}))
    return urls


def test_the_walk_finds_every_chronology_page(ids) -> None:
    assert len(chronology_urls(ids)) == 10


@pytest.mark.parametrize(
    "role",
    [
        "business_unit",
        "safeguarding_partner",
        "agency_lead",
        "administrator",
        "independent_scrutineer",
        "reviewer",
    ],
)
def test_nobody_of_another_partnership_gets_anything(ids, other_world, role: str) -> None:
    client = Client()
    client.force_login(other_world.person(role))
    leaks = []
    for url in chronology_urls(ids):
        for method in (client.get, client.post):
            status = method(url).status_code
            if status not in {404, 405}:
                leaks.append(f"{method.__name__.upper()} {url} answered {status}")
    assert leaks == []


def test_signed_out_people_are_sent_to_sign_in(ids) -> None:
    for url in chronology_urls(ids):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/" in response["Location"]


def test_every_page_is_well_formed(cspr, client_as, ids) -> None:
    client = client_as("business_unit")
    urls = [chronology_url(cspr, name) for name in PAGES] + [
        chronology_url(cspr, name, entry_id=ids["entry_id"]) for name in ENTRY_PAGES
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_well_formed(response.content.decode())
        assert response.headers["Cache-Control"] == "no-store"


def test_an_agency_lead_finds_the_chronology_from_the_case_page(cspr, client_as) -> None:
    """The review page is not theirs, so the case page links to the chronology."""
    from django.urls import reverse  # noqa: PLC0415

    case = cspr.case
    page = (
        client_as("agency_lead")
        .get(
            reverse(
                "cases:detail",
                kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
            )
        )
        .content.decode()
    )
    assert "Multi-agency chronology" in page
