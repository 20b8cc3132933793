"""tests/security/test_partnership_isolation.py requests the URLs whose names start with one of
its ``PARTNERSHIP_NAMESPACES``; this makes sure that list leaves out no page of a partnership
(every protected URL with ``<partnership_slug>`` in it), so a new app cannot be missed."""

from tests.security.routes import protected_routes
from tests.security.test_partnership_isolation import PARTNERSHIP_NAMESPACES


def test_every_partnership_page_is_in_the_isolation_walk() -> None:
    pages = [route.name for route in protected_routes() if route.of_a_partnership]
    assert len(pages) > 90
    missed = sorted(name for name in pages if not name.startswith(PARTNERSHIP_NAMESPACES))
    assert missed == [], (
        "Add these URL names' namespaces to PARTNERSHIP_NAMESPACES in "
        f"tests/security/test_partnership_isolation.py: {missed}"
    )
