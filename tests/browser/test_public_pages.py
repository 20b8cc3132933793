"""The pages anyone can open without signing in, and the deadline calculator on one of them."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import check_error_summary, check_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("accounts:sign-in", "Sign in"),
        ("core:accessibility", "Accessibility statement for CSPR"),
        ("core:privacy", "Privacy notice"),
        ("clock:rules", "How deadlines are worked out"),
    ],
)
def test_public_page(page: Page, url_name: str, heading: str) -> None:
    response = page.goto(reverse(url_name))
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check_page(page, url_name.replace(":", "-"))


def fill_start_date(page: Page, day: str, month: str, year: str) -> None:
    date = page.get_by_role("group", name="Date the clock starts")
    date.get_by_label("Day").fill(day)
    date.get_by_label("Month").fill(month)
    date.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Work out the dates").click()


def test_working_out_the_dates_from_a_day(page: Page) -> None:
    page.goto(reverse("clock:rules"))
    fill_start_date(page, "19", "12", "2025")

    dates = page.get_by_role("table", name="Dates counted from Friday 19 December 2025")
    expect(dates).to_be_visible()
    notify_panel = dates.get_by_role("row").filter(has_text="NOTIFY-PANEL")
    expect(notify_panel.get_by_role("cell").last).to_have_text("Tuesday 30 December 2025")
    check_page(page, "deadlines-worked-out")


def test_an_impossible_date_is_explained_and_kept(page: Page) -> None:
    page.goto(reverse("clock:rules"))
    fill_start_date(page, "31", "2", "2025")

    check_error_summary(page, {"The date the clock starts must be a real date": "id_start_0"})
    expect(page.get_by_role("table", name="Dates counted from")).to_have_count(0)
    date = page.get_by_role("group", name="Date the clock starts")
    expect(date.get_by_label("Day")).to_have_value("31")
    expect(date.get_by_label("Month")).to_have_value("2")
    expect(date.get_by_label("Year")).to_have_value("2025")
    expect(date.locator(".govuk-error-message")).to_contain_text("must be a real date")
    check_page(page, "deadlines-impossible-date")
