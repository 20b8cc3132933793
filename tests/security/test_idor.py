"""No insecure direct object references: a person may use a page of their own partnership, but
changing an id in its address to one of another partnership's records, or guessing one, finds
nothing. Every protected URL of a partnership with a record in it is requested with this
partnership's address and, in turn, each of its ids (and then all of them, and the case
reference) swapped for the id of the same kind of record in another partnership, and for an id
no record has, by each role MATRIX allows on the page, by GET and POST. Only 404 may answer
(405 for the method a page does not take)."""

from typing import Any

import pytest
from django.test import Client

from tests.conftest import PartnershipWorld
from tests.security.routes import Route, protected_routes
from tests.security.test_authorisation_matrix import MATRIX, ROLES, request, roles_for, url_of

# Keywords that name a record by its id; the others name a rule, a format, a kind or (number)
# a version within the case's review.
NOT_RECORDS = {"partnership_slug", "rule_id", "fmt", "recipient", "kind", "number"}


def swaps(route: Route) -> list[set[str]]:
    """Each record keyword alone, then all of them together."""
    records = sorted(route.keywords - NOT_RECORDS)
    if not records:
        return []
    each = [{keyword} for keyword in records]
    return each if len(each) == 1 else [*each, set(records)]


def test_the_walk_finds_urls_with_records(ids: dict[str, Any]) -> None:
    routes = [r for r in protected_routes() if r.of_a_partnership and swaps(r)]
    assert len(routes) > 60
    assert {"reference", "entry_id", "document_id", "contact_id"} <= {
        keyword for route in routes for keyword in route.keywords
    }


@pytest.mark.parametrize("abbreviation", list(ROLES))
def test_ids_of_another_partnership_find_nothing(
    world: PartnershipWorld, ids: dict[str, Any], other_ids: dict[str, Any], abbreviation: str
) -> None:
    role = ROLES[abbreviation]
    client = Client()
    client.force_login(world.person(role.value))
    guessed = {k: ("XX-1900-999" if k == "reference" else 10**9) for k in other_ids}
    leaks = []
    for route in protected_routes():
        if route.name not in MATRIX or not route.of_a_partnership:
            continue
        tries = [(swapped, other_ids) for swapped in swaps(route)]
        tries += [({k}, guessed) for k in route.keywords - NOT_RECORDS]
        for swapped, source in tries:
            mixed = {**ids, **{keyword: source[keyword] for keyword in swapped}}
            url = url_of(route, mixed)
            for method in ("GET", "POST"):
                if role not in roles_for(route.name, method):
                    continue  # refused anyway (the matrix): nothing to find
                takes = route.takes_get if method == "GET" else route.takes_post
                status = request(client, method, url).status_code
                if status != 404 and not (status == 405 and not takes):
                    leaks.append(f"{method} {url} ({sorted(swapped)} swapped): {status}")
    assert leaks == []
