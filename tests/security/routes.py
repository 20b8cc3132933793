"""Every URL pattern of CSPR, walked once for the security tests: its name, the keywords it
needs (those of the includes above it too), its view, whether it is public and whether it
takes a POST. Tests that request every URL build the address from ``url_ids`` (in
tests/security/test_partnership_isolation.py); a keyword missing there fails them."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from tests.core.test_every_url_is_guarded import PUBLIC_URL_NAMES


def walk_routes(
    patterns: list[Any], namespace: str = "", converters: dict[str, Any] | None = None
) -> Iterator[tuple[str, dict[str, Any], list[str], URLPattern]]:
    """Each URL pattern's name, its converters (with those of the includes above it), the
    names of the groups of any regular expressions on the way, and the pattern."""
    for entry in patterns:
        found = dict(converters or {})
        regex_groups: list[str] = []
        if isinstance(entry.pattern, RoutePattern):
            found.update(entry.pattern.converters)
        else:
            regex_groups = list(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for name, more, groups, pattern in walk_routes(entry.url_patterns, inner, found):
                yield name, more, [*regex_groups, *groups], pattern
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", found, regex_groups, entry


@dataclass(frozen=True)
class Route:
    name: str
    keywords: frozenset[str]
    view_class: Any

    @property
    def public(self) -> bool:
        return self.name in PUBLIC_URL_NAMES

    @property
    def of_a_partnership(self) -> bool:
        return "partnership_slug" in self.keywords

    @property
    def takes_post(self) -> bool:
        view = self.view_class
        return (
            view is not None
            and "post" in getattr(view, "http_method_names", ())
            and callable(getattr(view, "post", None))
        )

    @property
    def takes_get(self) -> bool:
        view = self.view_class
        return view is None or (
            "get" in getattr(view, "http_method_names", ()) and callable(getattr(view, "get", None))
        )

    def url(self, ids: dict[str, Any]) -> str:
        missing = self.keywords - set(ids)
        if missing:
            pytest.fail(
                f"{self.name} needs a value for {sorted(missing)}: add it to url_ids in "
                "tests/security/test_partnership_isolation.py"
            )
        return reverse(self.name, kwargs={k: ids[k] for k in self.keywords})


def all_routes() -> list[Route]:
    return [
        Route(
            name=name,
            keywords=frozenset(converters) | frozenset(groups),
            view_class=getattr(pattern.callback, "view_class", None),
        )
        for name, converters, groups, pattern in walk_routes(get_resolver().url_patterns)
    ]


def protected_routes() -> list[Route]:
    return [route for route in all_routes() if not route.public]
