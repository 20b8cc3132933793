"""Steps that more than one browser test takes."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import check_error_summary, check_page
from tests.conftest import PartnershipWorld


def open_from_home(page: Page, world: PartnershipWorld, link: str) -> None:
    """From the partnership's home page, follow one of the links of the person's role."""
    page.goto(reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug}))
    page.get_by_role("main").get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(link)


def add_an_agency(page: Page, world: PartnershipWorld, name: str, *, shots: str) -> None:
    """From the partnership's home: open Agencies, try to save an empty agency, then add it."""
    open_from_home(page, world, "Agencies")
    check_page(page, f"{shots}-agencies")

    page.get_by_role("button", name="Add an agency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an agency")
    check_page(page, f"{shots}-agency-add")

    page.get_by_role("button", name="Save agency").click()
    check_error_summary(
        page,
        {"Enter the agency's name": "id_name", "Select the kind of agency": "id_kind_1"},
    )
    check_page(page, f"{shots}-agency-add-errors")

    page.get_by_label("Agency name").fill(name)
    page.get_by_role("group", name="Kind of agency").get_by_label("Youth justice").check()
    page.get_by_role("button", name="Save agency").click()

    agencies = reverse("partnerships:agencies", kwargs={"partnership_slug": world.partnership.slug})
    expect(page).to_have_url(re.compile(re.escape(agencies) + "$"))
    expect(page.get_by_role("alert")).to_contain_text(f"{name} added.")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name))
    expect(row).to_contain_text("Youth justice")
    expect(row).to_contain_text("Active")
    check_page(page, f"{shots}-agency-added")
