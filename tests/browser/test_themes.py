"""An administrator changes a theme of the vocabulary and tries the suggestions on a text, with
and without JavaScript."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.learning.models import Theme
from cspr.learning.vocabulary import SEED
from tests.browser.helpers import PageChecks, check_error_summary
from tests.conftest import PartnershipWorld

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded_themes(transactional_db: None) -> None:
    """The vocabulary as migration 0002 seeds it: browser tests run on ``transactional_db``,
    which empties every table after each test, the seeded themes too."""
    positions: dict[str, int] = {}
    for seed in SEED:
        positions[seed.facet] = positions.get(seed.facet, 0) + 1
        Theme.objects.get_or_create(
            slug=seed.slug,
            defaults={
                "facet": seed.facet,
                "name": seed.name,
                "cues": "\n".join(seed.cues),
                "position": positions[seed.facet],
            },
        )


def signed_in(page: Page, live_url: str, person: User) -> None:
    """Start the browser signed in as ``person`` (the sign-in pages have journeys of their
    own): the session of a test client's ``force_login``, given to the browser as its cookie."""
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_url}]
    )


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.usefixtures("seeded_themes")
def test_administrator_changes_a_theme_and_tries_the_suggestions(
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    live_url: str,
) -> None:
    signed_in(page, live_url, world.person("administrator"))
    page.goto(reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug}))
    page.get_by_role("link", name="Themes of the learning library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes")
    checks("themes-list")

    page.get_by_role("link", name="Online harm (change)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the theme Online harm")
    checks("theme-edit")

    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save theme").click()
    check_error_summary(page, {"Enter the theme's name": "id_name"})
    checks("theme-edit-errors")

    page.get_by_label("Name", exact=True).fill("Online harm")
    cues = page.get_by_label("Words that suggest it")
    cues.fill(cues.input_value() + "\ngaming platform")
    page.get_by_role("button", name="Save theme").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("themes:list")) + "$"))
    expect(page.get_by_role("alert")).to_contain_text("Theme “Online harm” saved.")

    page.get_by_role("link", name="Try the suggestions on a text").click()
    checks("themes-try")
    page.get_by_label("Text").fill("A 14-year-old was groomed on a gaming platform.")
    page.get_by_role("button", name="Suggest themes").click()
    row = page.get_by_role("row").filter(has_text="Online harm")
    expect(row.get_by_role("cell")).to_have_text(
        ["Online harm", "Harm or incident", "gaming platform"]
    )
    checks("themes-tried")
