"""Steps that more than one browser test takes."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from cspr.accounts.models import User
from tests.browser.helpers import (
    PageChecks,
    check_error_summary,
    check_page,
    enter_security_code,
    give_authenticator,
)
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

REFUSED = {
    403: "You do not have permission to see this page",
    404: "Page not found",
}


def fill_date(within: Page | Locator, legend: str, day: dt.date) -> None:
    """Fill in the GOV.UK date input whose legend is ``legend``."""
    date = within.get_by_role("group", name=legend)
    date.get_by_label("Day").fill(str(day.day))
    date.get_by_label("Month").fill(str(day.month))
    date.get_by_label("Year").fill(str(day.year))


def success_banner(page: Page) -> Locator:
    """The notification banner that says an action worked."""
    return page.get_by_role("alert", name="Success")


def expect_at(page: Page, path: str) -> None:
    """The page is at ``path`` (the page's checks may have followed the skip link since)."""
    expect(page).to_have_url(re.compile(re.escape(path) + "(#main-content)?$"))


def sign_in_as(page: Page, checks: PageChecks, person: User, *, via: str | None = None) -> None:
    """Sign whoever is signed in out (their session cookie goes) and sign ``person`` in through
    the real sign-in page: opened directly, or ``via`` a page of CSPR (a link in an e-mail, say),
    which asks them to sign in first and then takes them there. The password, then the security
    code from their authenticator app. Checks the pages on the way."""
    page.context.clear_cookies()
    give_authenticator(person.email)
    sign_in_page = reverse("accounts:sign-in")
    page.goto(via or sign_in_page)
    expect(page).to_have_url(re.compile(re.escape(sign_in_page)))
    checks()
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:two-factor-verify"))))
    checks()
    enter_security_code(page, person.email)
    if via:
        expect_at(page, via)
    else:
        expect(page).not_to_have_url(re.compile(re.escape(sign_in_page)))
    checks()


def link_in_mail(to: User, subject: str) -> str:
    """The path of the CSPR link in the latest e-mail to ``to`` whose subject contains
    ``subject`` (the links name the configured address, not the test server's)."""
    for message in reversed(mail.outbox):
        if to.email in message.to and subject in message.subject:
            found = re.search(r"https?://\S+", message.body)
            assert found, f"No link in the e-mail {message.subject!r} to {to.email}"
            return urlsplit(found.group()).path
    sent = [(m.to, m.subject) for m in mail.outbox]
    raise AssertionError(f"No e-mail to {to.email} about {subject!r}; sent: {sent}")


def check_refused(page: Page, checks: PageChecks, path: str, status: int) -> None:
    """Opening ``path`` is refused with ``status``: 403 for a page the person may not use, 404
    for something they may not know exists."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(REFUSED[status])
    checks()


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
