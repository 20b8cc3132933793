"""Default deny: every URL is either listed as public or needs a signed-in user and an
object-level permission."""

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from cspr.core.views import ProtectedViewMixin

# The pages anyone may see. Adding a page here is a decision, not a convenience.
PUBLIC_URL_NAMES = {
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:signed-out",
    "accounts:password-reset",
    "accounts:password-reset-sent",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "core:accessibility",
    "core:privacy",
    "clock:rules",
    "published:partnership",
    "published:report",
    "published:download",
    "public_briefings:list",
    "public_briefings:detail",
    "public_briefings:pdf",
    "library:search",
    "library:item",
    "recurring_public:library",
}


def walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        else:
            yield f"{namespace}{entry.name}", entry


def all_views() -> list[tuple[str, Any]]:
    return [(name, pattern.callback) for name, pattern in walk(get_resolver().url_patterns)]


def test_every_url_pattern_is_public_or_needs_a_permission() -> None:
    unguarded = []
    for name, callback in all_views():
        view_class = getattr(callback, "view_class", None)
        is_public = getattr(callback, "login_required", True) is False
        protected = (
            view_class is not None
            and issubclass(view_class, ProtectedViewMixin)
            and bool(getattr(view_class, "permission_required", None))
        )
        if is_public and name not in PUBLIC_URL_NAMES:
            unguarded.append(f"{name} is public but not listed as public")
        elif not is_public and not protected:
            unguarded.append(f"{name} has no declared permission")
        elif is_public and protected:
            unguarded.append(f"{name} is both public and protected")
    assert unguarded == []


def test_every_listed_public_page_exists() -> None:
    names = {name for name, _ in all_views()}
    assert names >= PUBLIC_URL_NAMES


def test_the_walk_sees_the_protected_pages() -> None:
    """Guards the guard: if the walk found nothing, the test above would pass vacuously."""
    names = {name for name, _ in all_views()}
    assert {"home", "partnerships:people", "audit:trail", "clock:settings", "themes:list"} <= names


# Open to someone signed in with only their password: the second step itself, nothing else.
BEFORE_SECOND_FACTOR = {
    "accounts:two-factor-set-up",
    "accounts:two-factor-verify",
    "accounts:two-factor-recovery",
}


def test_only_the_second_step_is_open_before_the_second_factor() -> None:
    open_early = {
        name
        for name, callback in all_views()
        if getattr(getattr(callback, "view_class", None), "allowed_before_second_factor", False)
    }
    assert open_early == BEFORE_SECOND_FACTOR
    names = {name for name, _ in all_views()}
    assert {"accounts:two-factor", "partnerships:two-factor-reset"} <= names - PUBLIC_URL_NAMES
