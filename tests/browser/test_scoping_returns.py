"""Two agencies' scoping returns. The school's lead, with the keyboard alone, saves a draft and
then submits it. The hospital's lead submits theirs, the business unit returns it for changes,
and the lead changes it and submits it again. Neither lead may read the other's return. With
and without JavaScript."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.models import Invitation, ScopingReturn
from tests.browser.helpers import (
    PageChecks,
    choose_with_keyboard,
    give_authenticator,
    press_on,
    security_code_for,
    type_into,
)
from tests.browser.journeys import (
    check_refused,
    expect_at,
    link_in_mail,
    sign_in_as,
    success_banner,
)
from tests.conftest import PartnershipWorld
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"]),
]

INVITED = "Scoping return needed"


def keyboard_sign_in(page: Page, person: User) -> None:
    """On the sign-in page: Tab to the e-mail address, type, Tab to the password, type, Enter;
    then Tab to the security code, type the authenticator app's code, Enter."""
    give_authenticator(person.email)
    type_into(page, page.get_by_label("E-mail address"), person.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    type_into(page, page.get_by_label("Security code"), security_code_for(person.email))
    page.keyboard.press("Enter")


def the_school_writes_its_return_with_the_keyboard(
    page: Page, checks: PageChecks, lead: User, return_page: str
) -> None:
    """Follow the invitation, sign in, save a draft, then complete and submit it: Tab, typing,
    Space, the arrow keys and Enter only."""
    page.context.clear_cookies()
    page.goto(link_in_mail(lead, INVITED))  # as if followed from the e-mail
    checks()
    keyboard_sign_in(page, lead)
    expect_at(page, return_page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Scoping return:")
    checks("scoping-return-to-write")

    type_into(page, page.get_by_label("Your name"), "Sam Writer", limit=40)
    type_into(page, page.get_by_label("Your role"), "Designated safeguarding lead")
    choose_with_keyboard(
        page,
        page.get_by_role("group", name="Were the child or family known to your agency?"),
        "Yes",
    )
    type_into(page, page.get_by_label("Period of involvement"), "September 2025 to the incident")
    press_on(page, page.get_by_role("button", name="Save draft"), "Enter", limit=40)
    expect(success_banner(page)).to_contain_text("Draft saved. You can come back to it.")
    expect(page.get_by_label("Your name")).to_have_value("Sam Writer")
    checks()

    type_into(page, page.get_by_label("Nature of involvement"), "Attendance checks.", limit=40)
    type_into(page, page.get_by_label("Practice concerns and missed opportunities"), "None yet.")
    choose_with_keyboard(
        page,
        page.get_by_role(
            "group", name="Your agency's view on whether the criteria for a review are met"
        ),
        "The criteria for a review are met",
    )
    choose_with_keyboard(
        page, page.get_by_role("group", name="Have your agency's records been secured?"), "Yes"
    )
    type_into(page, page.get_by_label("Name of the safeguarding lead signing it off"), "Lee Lead")
    press_on(page, page.get_by_label("The safeguarding lead has read and signed off this return"))
    press_on(page, page.get_by_role("button", name="Submit the return"), "Enter")
    expect(success_banner(page)).to_contain_text("Scoping return sent. It is now locked.")
    expect(page.get_by_role("button", name="Submit the return")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text("Sam Writer, Designated safeguarding lead")
    checks("scoping-return-submitted")


def fill_the_return(page: Page) -> None:
    """Every answer a submitted return needs, with the mouse."""
    page.get_by_label("Your name").fill("Alex Nurse")
    page.get_by_label("Your role").fill("Named nurse for safeguarding")
    page.get_by_role("group", name="Were the child or family known to your agency?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("Period of involvement").fill("Birth to the incident")
    page.get_by_label("Nature of involvement").fill("Health visiting and two A&E attendances.")
    page.get_by_label("Not sure").check()
    page.get_by_role("group", name="Have your agency's records been secured?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("Name of the safeguarding lead signing it off").fill("Dr Kim Lead")
    page.get_by_label("The safeguarding lead has read and signed off this return").check()


def test_two_agencies_return_their_scoping_returns(
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    invitations: tuple[Invitation, Invitation],
    health: tuple[Agency, User],
) -> None:
    school_invitation, health_invitation = invitations
    case = school_invitation.rapid_review.case
    kwargs = {"partnership_slug": world.partnership.slug, "reference": case.reference}
    school_return, health_return = (
        reverse("rapid_reviews:return", kwargs={**kwargs, "invitation_id": i.pk})
        for i in invitations
    )
    health_lead = health[1]
    main = page.get_by_role("main")

    the_school_writes_its_return_with_the_keyboard(
        page, checks, world.person("agency_lead"), school_return
    )

    # The hospital's lead submits theirs, and may not read the school's.
    sign_in_as(page, checks, health_lead, via=link_in_mail(health_lead, INVITED))
    fill_the_return(page)
    page.get_by_role("button", name="Submit the return").click()
    expect(success_banner(page)).to_contain_text("Scoping return sent.")
    checks()
    check_refused(page, checks, school_return, 403)

    # The business unit returns it for changes.
    review_page = reverse("rapid_reviews:detail", kwargs=kwargs)
    sign_in_as(page, checks, world.person("business_unit"), via=review_page)
    returns = page.get_by_role("table", name="Agencies invited for scoping returns")
    expect(returns.get_by_role("row").filter(has_text=health[0].name)).to_contain_text("Submitted")
    checks("rapid-review-returns-submitted")
    returns.get_by_role("link", name=health[0].name).click()
    expect_at(page, health_return)
    checks("scoping-return-business-unit")
    main.get_by_role("button", name="Return for changes").click()
    checks()
    page.get_by_label("What the agency needs to change").fill(
        "Say which A&E attendances, with their dates."
    )
    page.get_by_role("button", name="Return for changes").click()
    expect(success_banner(page)).to_contain_text("Returned to the agency for changes.")
    expect(returns.get_by_role("row").filter(has_text=health[0].name)).to_contain_text(
        "Returned for changes"
    )
    checks()

    # The lead follows the e-mail, changes the return and submits it again.
    sign_in_as(page, checks, health_lead, via=link_in_mail(health_lead, "returned"))
    expect(main).to_contain_text(
        "Returned for changes: Say which A&E attendances, with their dates."
    )
    checks("scoping-return-returned")
    page.get_by_label("Nature of involvement").fill(
        "Health visiting; A&E attendances on 3 and 17 January."
    )
    page.get_by_role("button", name="Submit the return").click()
    expect(success_banner(page)).to_contain_text("Scoping return sent.")
    expect(main).not_to_contain_text("Returned for changes")
    checks()

    for invitation in invitations:
        scoping_return = ScopingReturn.objects.get(invitation=invitation)
        assert scoping_return.state == "submitted"
    assert ScopingReturn.objects.get(invitation=health_invitation).involvement.endswith(
        "17 January."
    )
