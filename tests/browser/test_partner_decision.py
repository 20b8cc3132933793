"""From the scoping returns to the Panel: the business unit records the meeting and recommends a
local CSPR; the partners confirm it, after one challenge and a second round; the business unit
records it as sent to the Panel and the Panel's response, and downloads the Word document. An
agency lead may not decide for a partner."""

import re
from zipfile import ZipFile

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.models import Invitation, RapidReview
from cspr.rapid_reviews.services.scoping import scoping_return_submit
from tests.browser.helpers import PageChecks, days_ago
from tests.browser.journeys import (
    check_refused,
    expect_at,
    fill_date,
    link_in_mail,
    sign_in_as,
    success_banner,
)
from tests.conftest import PartnershipWorld
from tests.fixtures.rapid_reviews import complete_return_values

pytestmark = pytest.mark.browser

ASKED = "confirm or challenge the recommendation"
CHALLENGED = "a partner challenged the recommendation"
LOCAL_CSPR = "Local child safeguarding practice review"


@pytest.fixture
def returns_in(
    invitations: tuple[Invitation, Invitation], world: PartnershipWorld, health: tuple[Agency, User]
) -> RapidReview:
    """Both agencies have submitted their scoping returns."""
    for invitation, lead in zip(invitations, (world.person("agency_lead"), health[1]), strict=True):
        scoping_return_submit(
            scoping_return=invitation.scoping_return,
            by=lead,
            values=complete_return_values(),
            expected_version=invitation.scoping_return.version,
        )
    return invitations[0].rapid_review


def decide(
    page: Page,
    checks: PageChecks,
    partner: User,
    review_page: str,
    *,
    challenge: str = "",
    shots: str | None = None,
) -> None:
    """The partner follows the latest e-mail asking them, and confirms or challenges."""
    sign_in_as(page, checks, partner, via=link_in_mail(partner, ASKED))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirm or challenge the recommendation"
    )
    expect(page.get_by_role("main")).to_contain_text(
        f"The Rapid Review group recommends: {LOCAL_CSPR}"
    )
    checks(shots)
    if challenge:
        page.get_by_label("Challenge the recommendation").check()
        page.get_by_label("Comment").fill(challenge)
    else:
        page.get_by_label("Confirm the recommendation").check()
    page.get_by_role("button", name="Send my decision").click()
    expect(success_banner(page)).to_contain_text("Your decision has been recorded.")
    expect_at(page, review_page)
    checks()


def test_the_partners_decide_and_the_panel_responds(
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    returns_in: RapidReview,
    partners: dict[str, User],
) -> None:
    case = returns_in.case
    kwargs = {"partnership_slug": world.partnership.slug, "reference": case.reference}
    review_page = reverse("rapid_reviews:detail", kwargs=kwargs)
    main = page.get_by_role("main")
    state = main.locator(".govuk-tag").first
    bu = world.person("business_unit")
    la, icb, police = (partners[p] for p in ("local_authority", "integrated_care_board", "police"))

    # An agency lead who contributed may read the case but not decide for a partner.
    sign_in_as(page, checks, world.person("agency_lead"))
    check_refused(page, checks, reverse("rapid_reviews:decide", kwargs=kwargs), 403)

    sign_in_as(page, checks, bu, via=review_page)
    main.get_by_role("button", name="Record the meeting and recommendation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The Rapid Review meeting and recommendation"
    )
    checks("rapid-review-meeting")
    fill_date(page, "Date of the meeting", days_ago(0))
    page.get_by_label("Who attended").fill("The CSPR group; the school; the hospital.")
    page.get_by_label("The facts, as far as they can readily be established").fill("As known.")
    page.get_by_label(re.compile(r"CRIT-LOCAL \(c\):")).check()
    page.get_by_label(LOCAL_CSPR).check()
    page.get_by_label("Rationale").fill("Two agencies did not share what they knew.")
    page.get_by_role("button", name="Save the recommendation").click()
    expect(success_banner(page)).to_contain_text("Recommendation saved.")
    expect(state).to_have_text("Recommendation recorded")
    checks()

    def send_to_the_partners() -> None:
        main.get_by_role("button", name="Send to the partners").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Send the recommendation to the safeguarding partners"
        )
        checks()
        main.get_by_role("button", name="Send to the partners").click()
        expect(success_banner(page)).to_contain_text("Sent to the safeguarding partners.")
        expect(state).to_have_text("With the safeguarding partners")
        checks()

    send_to_the_partners()

    # The local authority confirms; the integrated care board challenges.
    decide(page, checks, la, review_page, shots="partner-decision")
    decide(page, checks, icb, review_page, challenge="The health chronology is not yet in.")
    expect(state).to_have_text("Recommendation recorded")

    # The business unit, told of the challenge, sends it again; all three confirm.
    sign_in_as(page, checks, bu, via=link_in_mail(bu, CHALLENGED))
    expect(main).to_contain_text("The health chronology is not yet in.")
    send_to_the_partners()
    for partner in (la, icb, police):
        decide(page, checks, partner, review_page)
    expect(state).to_have_text("Decided by the partners")
    expect(main).to_contain_text(f"Decided on {days_ago(0):%-d %B %Y}: {LOCAL_CSPR}.")
    checks("rapid-review-decided")

    # The business unit sends it to the Panel, records the response, and downloads it.
    sign_in_as(page, checks, bu, via=review_page)
    main.get_by_role("button", name="Record as sent to the Panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record the Rapid Review as sent to the Panel"
    )
    checks()
    fill_date(page, "Date sent to the Panel", days_ago(0))
    page.get_by_role("button", name="Record as sent").click()
    expect(success_banner(page)).to_contain_text("Recorded as sent to the Panel.")
    expect(state).to_have_text("Sent to the Panel")
    checks()

    main.get_by_role("button", name="Record the Panel's response").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Panel's response")
    checks()
    page.get_by_label("Agrees with the recommendation", exact=True).check()
    fill_date(page, "Date of the response", days_ago(0))
    page.get_by_role("button", name="Record the response").click()
    expect(success_banner(page)).to_contain_text("The Panel's response is recorded.")
    expect(state).to_have_text("The Panel has responded")
    checks("rapid-review-panel-responded")

    with page.expect_download() as download_info:
        main.get_by_role("link", name="Word, to edit").click()
    download = download_info.value
    assert download.suggested_filename == f"{case.reference}-rapid-review.docx"
    with ZipFile(download.path()) as document:
        text = document.read("word/document.xml").decode()
    assert case.reference in text
    assert case.identity.full_name not in text
