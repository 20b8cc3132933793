"""An administrator sets up the partnership: adds an agency, then a lead for it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import check_error_summary, check_page, sign_in
from tests.browser.journeys import add_an_agency, open_from_home
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

AGENCY = "Northshire Youth Justice Service"


def test_administrator_adds_an_agency_and_its_lead(page: Page, world: PartnershipWorld) -> None:
    sign_in(page, world.person("administrator").email, TEST_PASSWORD)
    check_page(page, "administrator-home")
    add_an_agency(page, world, AGENCY, shots="administrator")

    open_from_home(page, world, "People")
    check_page(page, "administrator-people")
    page.get_by_role("button", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    check_page(page, "administrator-person-add")

    page.get_by_role("button", name="Add person").click()
    check_error_summary(
        page,
        {
            "Enter the person's full name": "id_full_name",
            "Enter the person's e-mail address": "id_email",
            "Select the person's role": "id_role_1",
        },
    )
    check_page(page, "administrator-person-add-errors")

    page.get_by_label("Full name").fill("Jordan Okafor")
    page.get_by_label("E-mail address").fill("jordan.okafor@yjs.example")
    page.get_by_label("Job title (optional)").fill("Head of Youth Justice")
    page.get_by_role("group", name="Role").get_by_label("Agency lead").check()
    page.get_by_label("Agency (for an agency lead)").select_option(label=AGENCY)
    page.get_by_role("button", name="Add person").click()

    people = reverse("partnerships:people", kwargs={"partnership_slug": world.partnership.slug})
    expect(page).to_have_url(re.compile(re.escape(people) + "$"))
    expect(page.get_by_role("alert")).to_contain_text("Jordan Okafor added.")
    row = page.get_by_role("row").filter(has_text="Jordan Okafor")
    expect(row.get_by_role("cell")).to_have_text(
        ["Jordan Okafor", "jordan.okafor@yjs.example", "Agency lead", AGENCY, re.compile("Change")]
    )
    check_page(page, "administrator-person-added")
    # The invitation (a link to set a password) went to the new person.
    assert [message.to for message in mail.outbox] == [["jordan.okafor@yjs.example"]]
