"""The business unit triages a referral, records the Panel notification, opens the data pack,
starts the Rapid Review and invites two agencies; the referring agency's lead may not triage."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.cases.models import Case
from cspr.partnerships.models import Agency
from tests.browser.helpers import PageChecks, days_ago
from tests.browser.journeys import check_refused, expect_at, fill_date, sign_in_as, success_banner
from tests.conftest import PartnershipWorld

pytestmark = pytest.mark.browser


def test_the_business_unit_triages_notifies_and_starts_the_rapid_review(
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    recent_case: Case,
    health: tuple[Agency, User],
) -> None:
    case = recent_case
    school = world.person("agency_lead").memberships.get().agency
    slug = world.partnership.slug
    case_page = reverse(
        "cases:detail", kwargs={"partnership_slug": slug, "reference": case.reference}
    )
    main = page.get_by_role("main")

    # The lead who referred the case sees it, but may not triage it.
    sign_in_as(page, checks, world.person("agency_lead"))
    check_refused(page, checks, f"{case_page}triage/", 403)

    sign_in_as(page, checks, world.person("business_unit"))
    main.get_by_role("link", name="Cases, most urgent first").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text(case.pseudonym)
    expect(row).to_contain_text("Referred: to triage")
    checks("case-list")

    row.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.pseudonym)
    checks("case-to-triage")

    main.get_by_role("button", name="Triage against the criteria").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Triage {case.reference}")
    expect(main).to_contain_text("Serious incident notification to the Panel")
    checks("triage")
    page.get_by_label("It meets the criteria: notify").check()
    page.get_by_label("Reason for the decision").fill(
        "Serious harm with abuse suspected, in our area: it meets the criteria."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(success_banner(page)).to_contain_text("Decision recorded.")
    expect(main).to_contain_text("Notification due")
    checks()

    main.get_by_role("button", name="Record a notification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a notification")
    checks()
    page.get_by_label("Serious incident notification to the Panel").check()
    fill_date(page, "Date sent", days_ago(0))
    page.get_by_label("Reference given by the national system (optional)").fill("SIN-2026-0042")
    page.get_by_role("button", name="Record the notification").click()
    expect(success_banner(page)).to_contain_text("Notification recorded.")
    expect(main).to_contain_text("(reference SIN-2026-0042)")
    checks()

    main.get_by_role("link", name="Notification data pack").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification data pack")
    expect(main).to_contain_text(case.identity.full_name)
    checks("notification-data-pack")
    main.get_by_role("link", name="Back to the case").click()
    expect_at(page, case_page)
    checks()

    main.get_by_role("button", name="Start the Rapid Review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Start the Rapid Review of {case.pseudonym}"
    )
    checks()
    main.get_by_role("button", name="Start the Rapid Review").click()
    expect(success_banner(page)).to_contain_text("Rapid Review started.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapid Review")
    checks()

    for agency in (school, health[0]):
        main.get_by_role("button", name="Invite an agency").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Invite an agency for its scoping return"
        )
        checks()
        page.get_by_label("An agency on the partnership's list").select_option(label=agency.name)
        page.get_by_role("button", name="Invite the agency").click()
        expect(success_banner(page)).to_contain_text("Agency invited.")
        expect(page.get_by_role("row").filter(has_text=agency.name)).to_contain_text("Draft")
        checks("rapid-review-agencies-invited" if agency != school else None)

    review_page = reverse(
        "rapid_reviews:detail", kwargs={"partnership_slug": slug, "reference": case.reference}
    )
    expect_at(page, review_page)
    invited = sorted(m.to[0] for m in mail.outbox if "Scoping return needed" in m.subject)
    assert invited == sorted([world.person("agency_lead").email, health[1].email])
