"""An action of a review's action plan is updated by its owner and the plan is signed off
(ACTIONS): the school's lead sees the overdue action on their home page, sends an update that
marks it complete with a PDF as evidence (after the error summary of an empty one), then each
safeguarding partner signs the plan off through its sign-off page and the plan shows it signed
off; the business unit downloads it as Excel. The lead of another agency is refused the action.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.accounts.models import User
from cspr.actions.exports import XLSX_TYPE
from cspr.actions.models import Action
from cspr.actions.services.actions import action_add
from cspr.actions.services.plans import plan_start
from cspr.actions.services.recommendations import recommendation_add
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.services.decisions import required_partners
from cspr.reviews.models import Review
from tests.browser.helpers import PageChecks, check_error_summary, days_ago
from tests.browser.journeys import check_refused, expect_at, sign_in_as, success_banner
from tests.conftest import PartnershipWorld
from tests.fixtures.library import pdf_bytes

pytestmark = pytest.mark.browser

RECOMMENDATION = (
    "All agencies should ensure that fathers and other male carers are included in "
    "assessments of the child's needs."
)
WHAT = "Revise the assessment template to ask about every adult in the household."
DONE = "The new template is in use in every team; 20 assessments were audited in October."


@pytest.fixture
def overdue_action(cspr: Review, world: PartnershipWorld, school: Agency) -> Action:
    """The local CSPR's draft action plan: one accepted recommendation and one action, owned
    by the school's lead, that was due a week ago and is not started (so it is overdue)."""
    bu = world.person("business_unit")
    plan = plan_start(case=cspr.case, by=bu)
    recommendation = recommendation_add(plan=plan, by=bu, text=RECOMMENDATION, response="accepted")
    return action_add(
        recommendation=recommendation,
        by=bu,
        values={
            "what": WHAT,
            "agency": school,
            "owner": world.person("agency_lead"),
            "starts_on": days_ago(60),
            "due_on": days_ago(7),
            "impact_measure": "An audit of 20 assessments shows fathers were spoken to in 18.",
        },
    )


def test_the_owner_updates_an_overdue_action_and_the_partners_sign_the_plan_off(  # noqa: PLR0917
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    overdue_action: Action,
    partners: dict[str, User],
    health: tuple[Agency, User],
    tmp_path: Path,
) -> None:
    action = overdue_action
    case = action.recommendation.plan.case
    kwargs = {"partnership_slug": world.partnership.slug, "reference": case.reference}
    plan_page = reverse("actions:plan", kwargs=kwargs)
    action_page = reverse("actions:action", kwargs={**kwargs, "action_id": action.pk})
    sign_off_page = reverse("actions:sign-off", kwargs=kwargs)
    main = page.get_by_role("main")
    lead = world.person("agency_lead")

    # The lead of another agency may not know the school's action exists.
    sign_in_as(page, checks, health[1])
    check_refused(page, checks, action_page, 404)

    # The school's lead sees the overdue action on their home page and follows it.
    sign_in_as(page, checks, lead)
    overdue = main.get_by_role("region", name="Overdue actions")
    expect(overdue).to_contain_text("An action you own is overdue:")
    link = overdue.get_by_role("link", name=f"{case.reference}: action 1.1")
    expect(overdue.get_by_role("listitem")).to_contain_text("Overdue")
    checks("action-plan-owner-home")
    link.click()
    expect_at(page, action_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1.1")
    expect(main).to_contain_text(f"This action was due on {days_ago(7):%-d %B %Y}")
    expect(main).to_contain_text("No updates yet.")
    checks("action-overdue")

    # An empty update is refused with the GOV.UK error summary.
    main.get_by_role("button", name="Update this action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update action 1.1")
    checks("action-update")
    page.get_by_role("button", name="Send the update").click()
    check_error_summary(page, {"Enter what has been done": "id_text"})
    checks("action-update-errors")

    # The real update: complete, with evidence of impact and a PDF as evidence.
    evidence = tmp_path / "Assessment audit October.pdf"
    evidence.write_bytes(pdf_bytes("Audit of 20 assessments: fathers were spoken to in 18."))
    page.get_by_role("group", name="Status").get_by_label("Complete").check()
    page.get_by_label("What has been done").fill(DONE)
    page.get_by_label("Evidence of impact so far (optional)").fill(
        "Fathers were spoken to in 18 of the 20 assessments audited."
    )
    page.get_by_label("Evidence files (optional)").set_input_files(evidence)
    page.get_by_role("button", name="Send the update").click()
    expect(success_banner(page)).to_contain_text("Update sent.")
    expect_at(page, action_page)
    expect(main.locator(".govuk-tag").first).to_have_text("Complete")
    expect(main).not_to_contain_text("This action was due on")
    update = main.locator(".govuk-summary-card").filter(has_text=DONE)
    expect(update).to_contain_text(f"{days_ago(0):%-d %B %Y}, {lead.full_name}")
    expect(update).to_contain_text("Reported complete, while overdue.")
    expect(update.get_by_role("link", name="Assessment audit October.pdf")).to_be_visible()
    checks("action-updated")

    # Each statutory partner signs the plan off through its sign-off page.
    in_order = required_partners(world.partnership)
    assert [p.value for p in in_order] == list(partners), "a representative for each partner"
    for number, partner in enumerate(in_order, start=1):
        last = number == len(in_order)
        sign_in_as(page, checks, partners[partner.value], via=sign_off_page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign the action plan off")
        signing_for = page.get_by_role("group", name="Signing off for")
        expect(signing_for.get_by_label(partner.label)).to_be_checked()
        checks("action-plan-sign-off" if number == 1 else None)
        if last:
            page.get_by_label("Comment (optional)").fill("Agreed at the partnership board.")
        page.get_by_role("button", name="Sign the plan off").click()
        expect(success_banner(page)).to_contain_text(
            "The plan is signed off: its actions now run."
            if last
            else "The plan is signed off when every safeguarding partner has signed it."
        )
        expect_at(page, plan_page)
        row = main.locator(".govuk-summary-list__row").filter(has_text=partner.label)
        expect(row).to_contain_text(f"Signed off by {partners[partner.value].full_name}")
        checks()

    # The plan shows it is signed off, by every partner.
    expect(main.locator(".govuk-tag").first).to_have_text("Signed off")
    signed_off = main.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text=re.compile(r"^Signed off$"))
    )
    expect(signed_off).to_contain_text(f"{days_ago(0):%-d %B %Y}")
    expect(main).to_contain_text("Agreed at the partnership board.")
    expect(main.get_by_role("link", name="Sign the plan off")).to_have_count(0)
    checks("action-plan-signed-off")

    # The business unit downloads the plan as Excel for the partnership board.
    sign_in_as(page, checks, world.person("business_unit"), via=plan_page)
    excel = main.get_by_role("link", name="download the plan as Excel")
    href = excel.get_attribute("href")
    assert href == reverse("actions:export-xlsx", kwargs=kwargs)
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == XLSX_TYPE
    assert response.body()[:2] == b"PK"  # an Office Open XML file is a ZIP archive
