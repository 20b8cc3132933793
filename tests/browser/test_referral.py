"""An agency lead refers a possible serious incident with the keyboard: the empty form is
explained, the completed one makes a case known by its pseudonym, and another agency's lead
cannot find it. With and without JavaScript."""

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from cspr.accounts.models import User
from cspr.cases.models import Case
from cspr.partnerships.models import Agency
from tests.browser.helpers import (
    PageChecks,
    check_error_summary,
    choose_with_keyboard,
    days_ago,
    press_on,
    tab_to,
    type_date,
    type_into,
)
from tests.browser.journeys import check_refused, expect_at, sign_in_as, success_banner
from tests.conftest import PartnershipWorld

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"]),
]

EMPTY_REFERRAL_ERRORS = {
    "Enter the child's full name, or select 'The child has not yet been identified'": (
        "id_full_name"
    ),
    "Select the child's status at the time, or 'None known'": "id_child_statuses_1",
    "Select what happened": "id_incident_kind_1",
    "Select whether abuse or neglect is known or suspected": "id_abuse_or_neglect_1",
    "Enter the date of the incident": "id_incident_date_0",
    "Enter the date the local authority became aware": "id_la_aware_date_0",
    "Select where it happened": "id_location_1",
    "Select whether the police are investigating": "id_police_investigation_1",
    "Enter a case outline": "id_case_outline",
}


def fill_the_referral_with_the_keyboard(page: Page, health_agency: Agency) -> None:
    """Every answer, in the form's order, with Tab, typing, Space and the arrow keys. Starts
    from the top of the page; leaves the focus on the button that sends it."""

    def radios(legend: str) -> Locator:
        return page.get_by_role("group", name=legend, exact=True).last

    type_into(page, page.get_by_label("Child's full name"), "Ruby Testchild", limit=60)
    type_into(page, page.get_by_label("Other names the child is or was known by"), "Ruby T")
    type_date(page, "id_date_of_birth", days_ago(400))
    choose_with_keyboard(page, radios("Sex"), "Female")
    type_into(page, page.get_by_label("Ethnicity (optional)"), "White British")
    type_into(page, page.get_by_label("Household (optional)"), "Mother and her partner.")
    type_into(page, page.get_by_label("Siblings (optional)"), "A brother, aged 4.")
    press_on(page, page.get_by_label("Child in need", exact=True))
    # "What happened" names both the part of the form and, inside it, the question.
    choose_with_keyboard(page, radios("What happened"), "Serious harm")
    choose_with_keyboard(page, radios("Is abuse or neglect known or suspected?"), "Suspected")
    type_date(page, "id_incident_date", days_ago(3))
    type_date(page, "id_la_aware_date", days_ago(2))
    choose_with_keyboard(page, radios("Where did it happen?"), "In the partnership's area")
    press_on(page, page.get_by_label(health_agency.name, exact=True))
    choose_with_keyboard(page, radios("Are the police investigating?"), "Yes")
    press_on(page, page.get_by_label("Police investigation", exact=True))
    type_into(
        page,
        page.get_by_label("Case outline"),
        "An infant was taken to hospital with unexplained fractures.",
    )
    tab_to(page, page.get_by_role("button", name="Send the referral"))


def test_an_agency_lead_refers_a_case_with_the_keyboard(
    page: Page, checks: PageChecks, world: PartnershipWorld, health: tuple[Agency, User]
) -> None:
    lead = world.person("agency_lead")
    health_agency, health_lead = health
    sign_in_as(page, checks, lead)
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")

    press_on(page, page.get_by_role("button", name="Refer a possible serious incident"), "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer a possible serious incident")
    checks("referral")

    # Sent empty (Enter in the first text box sends the form): every missing answer is
    # explained, and linked to its control.
    press_on(page, page.get_by_label("Child's full name"), "Enter")
    check_error_summary(page, EMPTY_REFERRAL_ERRORS)
    checks("referral-errors")
    # The referring agency needs no answer: the lead leads one agency, already chosen.
    expect(page.get_by_label("Your agency")).to_have_value(str(lead.memberships.get().agency_id))

    # The focus is at the top of the main content (the page's checks followed the skip link).
    fill_the_referral_with_the_keyboard(page, health_agency)
    page.keyboard.press("Enter")

    expect(success_banner(page)).to_contain_text("Referral sent.")
    case = Case.objects.get()
    case_page = reverse(
        "cases:detail",
        kwargs={"partnership_slug": world.partnership.slug, "reference": case.reference},
    )
    expect_at(page, case_page)
    expect(success_banner(page)).to_contain_text(
        f"Referral sent. The case is {case.reference}, known as {case.pseudonym}."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(case.pseudonym)
    expect(page.get_by_text(case.reference, exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="The child (restricted)")).to_contain_text(
        "Ruby Testchild"
    )
    expect(page.locator("dl").first).to_contain_text("Serious harm")
    checks("case-referred")
    assert case.identity.full_name == "Ruby Testchild"
    assert case.incident_date == days_ago(3)
    assert list(case.agencies_involved.all()) == [health_agency]

    # Named as involved, the other agency's lead still cannot find the case.
    sign_in_as(page, checks, health_lead)
    check_refused(page, checks, case_page, 404)
