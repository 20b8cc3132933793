"""Every page has one h1, a title naming the page and the service, the skip link, and the
footer's accessibility statement and privacy notice; headers are set for safety."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PartnershipWorld

PUBLIC_PAGES = [
    "accounts:sign-in",
    "core:accessibility",
    "core:privacy",
    "clock:rules",
    "accounts:password-reset",
    "accounts:signed-out",
]
ADMIN_PAGES = [
    "partnerships:home",
    "partnerships:agencies",
    "partnerships:agency-add",
    "partnerships:people",
    "partnerships:person-add",
    "clock:settings",
]


def assert_well_formed(html: str) -> None:
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S)
    assert title is not None
    assert title.group(1).strip().endswith("– CSPR")
    assert 'href="#main-content"' in html
    assert 'id="main-content"' in html
    assert reverse("core:accessibility") in html
    assert reverse("core:privacy") in html
    assert "<script>" not in html  # no inline script (CSP)
    assert " style=" not in html  # no inline style (CSP)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_are_well_formed(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 200
    assert_well_formed(response.content.decode())
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_signed_in_pages_are_well_formed_and_never_cached(
    world: PartnershipWorld, client_as, name: str
) -> None:
    response = client_as("administrator").get(
        reverse(name, kwargs={"partnership_slug": world.partnership.slug})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert_well_formed(html)
    assert response.headers["Cache-Control"] == "no-store"
    assert world.person("administrator").full_name in html
    assert world.partnership.name in html


def test_the_error_page_for_a_missing_page_is_generic(world: PartnershipWorld, client_as) -> None:
    response = client_as("administrator").get("/p/no-such-partnership/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_accessibility_statement_says_what_was_tested_and_how(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    for tested in (
        "axe-core",
        "WCAG 2.0, 2.1 and 2.2 A and AA",
        "exactly one main heading",
        "Skip to main content",
        "375 pixels wide",
        "with the keyboard alone",
        "error summary receives the focus",
        "JavaScript turned off",
        "Known issues",
        "not yet been tested by people who use screen readers",
        "prepared on",
    ):
        assert tested in html, tested
