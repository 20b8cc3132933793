"""A difference of opinion through its three stages: an agency lead raises it on their case, the
business unit escalates it twice, and the independent scrutineer mediates and resolves it. The
scrutineer sees the difference of opinion but may not open the case."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cspr.cases.models import Case
from cspr.disputes.models import Dispute
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

pytestmark = pytest.mark.browser

RAISED = "Difference of opinion raised on"
TO_PARTNERS = "It is not resolved: escalate it to the safeguarding partners"
TO_SCRUTINEER = "It is not resolved: ask the independent scrutineer to mediate"
RESOLVED = "The difference of opinion is resolved"


def close_the_stage(page: Page, outcome: str, next_step: str, ended_on: dt.date) -> None:
    """Record the running stage's outcome with the form on the difference of opinion's page."""
    form = page.get_by_role("form", name="Record the outcome of stage")
    form.get_by_label("Outcome of this stage").fill(outcome)
    fill_date(form, "Date this stage ended", ended_on)
    form.get_by_label(next_step).check()
    form.get_by_role("button", name="Record the outcome").click()


def test_a_difference_of_opinion_is_escalated_and_mediated(
    page: Page, checks: PageChecks, world: PartnershipWorld, recent_case: Case
) -> None:
    case = recent_case
    slug = world.partnership.slug
    case_page = reverse(
        "cases:detail", kwargs={"partnership_slug": slug, "reference": case.reference}
    )
    main = page.get_by_role("main")
    stage = main.locator(".govuk-summary-list").first
    today = days_ago(0)

    # The lead whose agency referred the case raises it there.
    sign_in_as(page, checks, world.person("agency_lead"), via=case_page)
    main.get_by_role("link", name="Raise a difference of opinion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a difference of opinion")
    checks("dispute-raise")
    page.get_by_label("The triage decision").check()
    page.get_by_label("What the difference of opinion is").fill(
        "The triage gave the school no say; we think the hospital should be asked first."
    )
    page.get_by_role("button", name="Raise the difference of opinion").click()
    expect(success_banner(page)).to_contain_text("Difference of opinion raised.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Difference of opinion")
    expect(stage).to_contain_text("Stage 1 of 3")
    checks()
    dispute = Dispute.objects.get()
    dispute_page = reverse(
        "disputes:detail", kwargs={"partnership_slug": slug, "dispute_id": dispute.pk}
    )

    # The business unit, told by e-mail, escalates it to the partners, then to the scrutineer.
    bu = world.person("business_unit")
    sign_in_as(page, checks, bu, via=link_in_mail(bu, RAISED))
    expect_at(page, dispute_page)
    checks("dispute-stage-1")
    close_the_stage(page, "The representatives met and did not agree.", TO_PARTNERS, today)
    expect(success_banner(page)).to_contain_text("escalated to the safeguarding partners")
    expect(stage).to_contain_text("Stage 2 of 3")
    checks()
    close_the_stage(page, "The partners did not agree either.", TO_SCRUTINEER, today)
    expect(success_banner(page)).to_contain_text("The independent scrutineer has been asked")
    expect(stage).to_contain_text("Stage 3 of 3")
    checks()

    # The scrutineer finds it in the list, mediates and resolves it, and may not see the case.
    scrutineer = world.person("independent_scrutineer")
    sign_in_as(page, checks, scrutineer)
    main.get_by_role("link", name="Differences of opinion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Differences of opinion")
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text("Stage 3 of 3")
    checks("disputes-list")
    row.get_by_role("link").click()
    expect_at(page, dispute_page)
    expect(main.get_by_role("link", name=case.reference)).to_have_count(0)
    expect(main).not_to_contain_text(case.identity.full_name)
    checks("dispute-mediation")
    close_the_stage(page, "Mediated: the hospital will be asked first next time.", RESOLVED, today)
    expect(success_banner(page)).to_contain_text("The difference of opinion is resolved.")
    expect(stage).to_contain_text("Resolved")
    expect(page.get_by_role("form", name="Record the outcome of stage")).to_have_count(0)
    checks("dispute-resolved")
    check_refused(page, checks, case_page, 404)

    dispute.refresh_from_db()
    assert dispute.state == "resolved"
    assert list(dispute.stages.values_list("stage", "recorded_by")) == [
        (1, bu.pk),
        (2, bu.pk),
        (3, scrutineer.pk),
    ]
