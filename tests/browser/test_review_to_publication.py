"""One review from the partners' decision to the public page, through the pages, each step by
the person whose step it is (the service-level twin is tests/journeys/).

The business unit opens the local CSPR the partners decided on, commissions the reviewer,
drafts the terms of reference (the three partners approve them) and records the family's
part. The reviewer adds two chronology entries by the form (the first try shows the error
summary), uploads a draft and then the final report. The business unit places each item of
the REPORT-CONTENT checklist, marks the report final, runs the anonymisation check and clears
its one hit, clears the report for publication, plans publication for today and records the
three PRE-PUBLICATION copies as sent today, late and with the reason, then publishes it
(PUBLISH-LOCAL). A visitor who is not signed in finds it on the partnership's public page.

Refusals on the way: the school's lead sees the chronology with their own agency's entries
only and may not open the review's documents (403); the business unit of another partnership
gets 404 for the chronology."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import FilePayload, Page, expect

from cspr.accounts.models import User
from cspr.clock.selectors import partnership_clock
from cspr.documents.report_content import REPORT_CONTENT
from cspr.partnerships.models import Agency
from cspr.publication.models import Recipient
from cspr.publication.selectors import PRE_PUBLICATION, long_date
from cspr.rapid_reviews.models import RapidReview
from tests.browser.helpers import PageChecks, check_error_summary, days_ago
from tests.browser.journeys import (
    check_refused,
    expect_at,
    fill_date,
    sign_in_as,
    success_banner,
)
from tests.conftest import PartnershipWorld
from tests.documents.files import docx_bytes, pdf_bytes
from tests.fixtures.cases import CHILD_NAME

pytestmark = pytest.mark.browser

LOCAL_CSPR = "Local child safeguarding practice review"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The review panel's chair, named in the final report with her agreement: the anonymisation
# check finds her name (the panel is recorded when the review is opened) and the business unit
# clears it.
CHAIR = "Jo Marsh"
TITLE = "Child R: a local child safeguarding practice review"
SUMMARY = (
    "An infant was seriously harmed at home. The review found that the school and the "
    "hospital each knew part of the picture and did not share it."
)


def days_ahead(days: int) -> dt.date:
    return days_ago(-days)


def fill_entry_date(page: Page, day: dt.date) -> None:
    """The chronology entry's date (``fill_date`` would also find the "End date" group)."""
    date = page.get_by_role("group", name="Date", exact=True)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        date.get_by_label(part).fill(str(value))


def payload(name: str, mime_type: str, data: bytes) -> FilePayload:
    return {"name": name, "mimeType": mime_type, "buffer": data}


def test_a_review_goes_from_the_partners_decision_to_the_public_page(  # noqa: PLR0917
    page: Page,
    checks: PageChecks,
    world: PartnershipWorld,
    other_world: PartnershipWorld,
    decided_review: RapidReview,
    partners: dict[str, User],
    school: Agency,
    health: tuple[Agency, User],
) -> None:
    case = decided_review.case
    slug = world.partnership.slug
    kwargs = {"partnership_slug": slug, "reference": case.reference}
    case_page = reverse("cases:detail", kwargs=kwargs)
    review_page = reverse("reviews:detail", kwargs=kwargs)
    chronology_page = reverse("chronology:list", kwargs=kwargs)
    documents_page = reverse("documents:list", kwargs=kwargs)
    publication_page = reverse("publication:detail", kwargs=kwargs)
    main = page.get_by_role("main")
    heading = page.get_by_role("heading", level=1)
    state = main.locator(".govuk-tag").first
    bu = world.person("business_unit")
    reviewer = world.person("reviewer")
    hospital = health[0]
    today = days_ago(0)

    # The business unit opens the review the partners decided on, from the case.
    sign_in_as(page, checks, bu, via=case_page)
    main.get_by_role("button", name="Open the review").click()
    expect(heading).to_have_text("Open the review")
    expect(page.get_by_label(LOCAL_CSPR)).to_be_checked()  # what the partners decided
    checks("review-open")
    page.get_by_label("Systems approach").check()
    page.get_by_label("Review panel members (optional)").fill(
        f"{CHAIR}, independent chair, Northshire Test SCP"
    )
    page.get_by_role("button", name="Open the review").click()
    expect(success_banner(page)).to_contain_text("Review opened. Commission the reviewer next.")
    expect_at(page, review_page)
    expect(heading).to_have_text(LOCAL_CSPR)
    expect(state).to_have_text("Under way")
    checks()

    # ... commissions the reviewer,
    main.get_by_role("link", name="Commission a reviewer").click()
    expect(heading).to_have_text("Commission a reviewer")
    checks()
    page.get_by_label("Reviewer").select_option(label=reviewer.full_name)
    fill_date(page, "Starts on", today)
    fill_date(page, "Ends on", days_ahead(180))
    page.get_by_role("button", name="Commission the reviewer").click()
    expect(success_banner(page)).to_contain_text("Reviewer commissioned.")
    expect(main).to_contain_text(f"{reviewer.full_name}: {today:%-d %b %Y}")

    # ... drafts the terms of reference, with the school and the hospital in scope,
    main.get_by_role("link", name="Draft the terms of reference").click()
    expect(heading).to_have_text("Terms of reference: a new version")
    checks()
    fill_date(page, "Scope from", dt.date(2025, 9, 1))
    fill_date(page, "Scope to", dt.date(2026, 2, 24))
    page.get_by_label("Key lines of enquiry").fill(
        "How the school and the hospital shared what they knew, and escalated concerns."
    )
    agencies = page.get_by_role("group", name="Agencies in scope")
    agencies.get_by_label(school.name).check()
    agencies.get_by_label(hospital.name).check()
    page.get_by_role("button", name="Save this version").click()
    expect(success_banner(page)).to_contain_text("Terms of reference saved.")
    expect(main).to_contain_text("1, waiting for approval")

    # ... and the family's part: the child's mother was invited and contributed.
    main.get_by_role("link", name="Add a practitioner or family member").click()
    expect(heading).to_have_text("Add a practitioner or family member")
    checks()
    page.get_by_label("Family member").check()
    page.get_by_label("Name", exact=True).fill("Kerry Parentname")
    page.get_by_label("Role, or relationship to the child").fill("Mother")
    fill_date(page, "Invited on", today)
    page.get_by_role("group", name="Taking part").get_by_label("Contributed").check()
    page.get_by_label("How their views were gathered (optional)").fill("A home visit.")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(success_banner(page)).to_contain_text("Added.")
    expect(page.get_by_role("row").filter(has_text="Kerry Parentname")).to_contain_text(
        "Contributed"
    )
    checks("review-under-way")

    # The three safeguarding partners approve the terms of reference.
    for number, person in enumerate(partners.values(), start=1):
        sign_in_as(page, checks, person, via=review_page)
        main.get_by_role("button", name="Approve version 1").click()
        expect(heading).to_have_text("Approve version 1 of the terms of reference")
        if number == 1:
            checks("terms-approve")
        page.get_by_role("group", name="Approving for").get_by_role("radio").check()
        page.get_by_role("button", name="Approve this version").click()
        expect(success_banner(page)).to_contain_text("Approval recorded.")
        expect_at(page, review_page)
    expect(main).to_contain_text(f"1, approved {today:%-d %B %Y}")

    # The reviewer adds two chronology entries: the first try has two mistakes.
    sign_in_as(page, checks, reviewer, via=review_page)
    expect(heading).to_have_text(LOCAL_CSPR)
    main.get_by_role("link", name="Multi-agency chronology").click()
    expect_at(page, chronology_page)
    expect(main).to_contain_text("There are no entries yet.")

    main.get_by_role("button", name="Add an entry").click()
    expect(heading).to_have_text("Add an entry to the chronology")
    checks("chronology-add")
    page.get_by_label("Agency", exact=True).select_option(label=school.name)
    fill_entry_date(page, dt.date(2026, 1, 12))
    page.get_by_label("Time (optional)").fill("9am")
    page.get_by_label("Source", exact=True).fill("School attendance record")
    page.get_by_label("Who was involved").fill("The class teacher; the mother")
    page.get_by_label("Of note").check()
    page.get_by_role("button", name="Save entry").click()
    check_error_summary(
        page,
        {
            "Enter the time in the 24-hour clock, like 14:30": "id_occurred_at_time",
            "Enter what happened": "id_what_happened",
        },
    )
    # What was typed is kept.
    expect(page.get_by_label("Source", exact=True)).to_have_value("School attendance record")
    expect(page.get_by_label("Time (optional)")).to_have_value("9am")
    expect(page.get_by_label("Of note")).to_be_checked()
    checks("chronology-add-errors")
    page.get_by_label("Time (optional)").fill("09:15")
    page.get_by_label("What happened").fill(
        "The child's sibling arrived with a bruise to the face; the mother said he fell."
    )
    page.get_by_role("button", name="Save entry").click()
    expect(success_banner(page)).to_contain_text("Entry added to the chronology.")
    expect_at(page, chronology_page)

    main.get_by_role("button", name="Add an entry").click()
    page.get_by_label("Agency", exact=True).select_option(label=hospital.name)
    fill_entry_date(page, dt.date(2026, 2, 20))
    page.get_by_label("Source", exact=True).fill("Emergency department record")
    page.get_by_label("Who was involved").fill("The infant; the mother; a paediatric registrar")
    page.get_by_label("What happened").fill(
        "The infant was seen with a swollen wrist; no referral to children's social care."
    )
    page.get_by_label("Key practice episode").check()
    page.get_by_role("button", name="Save entry").click()
    expect(success_banner(page)).to_contain_text("Entry added to the chronology.")
    expect(main).to_contain_text("2 entries.")
    rows = main.get_by_role("table", name="Chronology entries").get_by_role("row")
    expect(rows.nth(1)).to_contain_text(school.name)
    expect(rows.nth(2)).to_contain_text(hospital.name)
    expect(rows.nth(2)).to_contain_text("Key practice episode")
    checks("chronology")

    # ... uploads a draft report (a PDF), which downloads as it went up,
    draft = pdf_bytes("Draft report for the partners. The review looked at September 2025 on.")
    page.get_by_role("link", name="Back", exact=True).click()
    main.get_by_role("link", name="Documents and the report").click()
    expect_at(page, documents_page)
    expect(main).to_contain_text("No documents yet.")
    checks("documents")
    page.get_by_label("Draft report").check()
    page.get_by_label("Title").fill("Draft report for the partners")
    page.get_by_label("File", exact=True).set_input_files(
        payload("Draft report.pdf", "application/pdf", draft)
    )
    page.get_by_role("button", name="Upload").click()
    expect(success_banner(page)).to_contain_text("Document uploaded.")
    expect(heading).to_have_text("Draft report for the partners")
    checks("document")
    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"^Download version 1")).click()
    download = download_info.value
    assert download.suggested_filename == "Draft report.pdf"
    assert download.path().read_bytes() == draft

    # ... and then the final report (Word), which names the panel's chair.
    final = docx_bytes(
        "Child R: a local child safeguarding practice review.",
        f"The review panel was chaired by {CHAIR}.",
        "Recommended improvements: the school and the hospital should share concerns.",
    )
    page.get_by_role("link", name="All documents").click()
    page.get_by_label("Final report").check()
    page.get_by_label("Title").fill("Final report")
    page.get_by_label("File", exact=True).set_input_files(payload("Final report.docx", DOCX, final))
    page.get_by_role("button", name="Upload").click()
    expect(success_banner(page)).to_contain_text("Document uploaded.")
    expect(heading).to_have_text("Final report")

    # The school's lead sees the chronology, but only the school's entry, and not the
    # documents; another partnership's business unit does not know the case exists.
    sign_in_as(page, checks, world.person("agency_lead"))
    page.goto(chronology_page)
    expect(main).to_contain_text("You see your own agency's entries.")
    expect(main).to_contain_text("1 entry.")
    expect(main).to_contain_text(school.name)
    expect(main).not_to_contain_text(hospital.name)
    checks()
    check_refused(page, checks, documents_page, 403)
    sign_in_as(page, checks, other_world.person("business_unit"))
    check_refused(page, checks, chronology_page, 404)

    # The business unit places each REPORT-CONTENT item and marks the report final.
    sign_in_as(page, checks, bu, via=documents_page)
    expect(main).to_contain_text(f"0 of {len(REPORT_CONTENT)} items placed")
    main.get_by_role("link", name="Report content checklist").click()
    expect(heading).to_have_text("Report content checklist")
    checks("report-content-checklist")
    for number, item in enumerate(REPORT_CONTENT, start=1):
        label = item.text + (" (required by the regulations)" if item.statutory else "")
        page.get_by_label(label, exact=True).fill(f"Section {number}")
    page.get_by_role("button", name="Save the checklist").click()
    expect(success_banner(page)).to_contain_text("Checklist saved.")
    expect(main).to_contain_text(f"{len(REPORT_CONTENT)} of {len(REPORT_CONTENT)} items placed")

    page.get_by_role("link", name="Back to the review").click()
    main.get_by_role("button", name="Mark the report final").click()
    expect(heading).to_have_text("Mark the report final")
    checks()
    main.get_by_role("button", name="Mark the report final").click()
    expect(success_banner(page)).to_contain_text("The report is final.")
    expect(state).to_have_text("Final report")

    # ... runs the anonymisation check, clears its one hit and clears the report.
    main.get_by_role("link", name="Run and clear the anonymisation check").click()
    expect(heading).to_have_text("Anonymisation check")
    main.get_by_role("button", name="Run the check").click()
    expect(success_banner(page)).to_contain_text("Check complete: 1 hit to look at.")
    hit = main.locator(".govuk-summary-card")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark")).to_have_text("Marsh")
    expect(hit).to_contain_text("Not cleared")
    checks("anonymisation-check")
    hit.get_by_label("Why this can stay in the published report").fill(
        "The independent chair of the review panel, named with her agreement."
    )
    hit.get_by_role("button", name="Clear hit 1").click()
    expect(success_banner(page)).to_contain_text("Hit cleared.")
    expect(hit).to_contain_text("Cleared by")
    main.get_by_role("button", name="Clear the report for publication").click()
    expect(heading).to_have_text("Clear the report for publication")
    checks()
    main.get_by_role("button", name="Clear for publication").click()
    expect(success_banner(page)).to_contain_text("The report is cleared for publication.")
    expect_at(page, review_page)
    expect(state).to_have_text("Ready to publish")

    # ... plans publication for today: the copies were due 7 working days before
    # (PRE-PUBLICATION), so each one sent today is late and the first needs the reason.
    main.get_by_role("link", name="Publication", exact=True).click()
    expect_at(page, publication_page)
    main.get_by_role("link", name="Set the planned publication date").click()
    expect(heading).to_have_text("Plan the publication")
    checks()
    fill_date(page, "Planned publication date", today)
    page.get_by_role("button", name="Save the plan").click()
    expect(success_banner(page)).to_contain_text("Publication plan saved.")
    expect(main).to_contain_text(f"{today:%A} {today.day} {today:%B %Y}")

    latest = partnership_clock(partnership=world.partnership).due(PRE_PUBLICATION, today)
    late_copy = (
        f"That is after {long_date(latest)}, the latest date for the copies (PRE-PUBLICATION: "
        "7 working days before the planned publication date). Say why it was sent late."
    )
    for number, recipient in enumerate(Recipient, start=1):
        main.get_by_role("link", name=f"Record the copy sent to {recipient.label}").click()
        expect(heading).to_have_text(re.compile(r"^Copy sent to "))
        fill_date(page, "Date sent", today)
        page.get_by_role("button", name="Record the copy").click()
        if number == 1:
            check_error_summary(page, {late_copy: "id_late_reason"})
            expect(page.get_by_role("group", name="Date sent").get_by_label("Day")).to_have_value(
                str(today.day)
            )
            checks("prepublication-copy-late")
            page.get_by_label("If it was sent late, why (optional)").fill(
                "The report was marked final today; the partners agreed to publish at once."
            )
            page.get_by_role("button", name="Record the copy").click()
        expect(success_banner(page)).to_contain_text("Copy recorded.")
        expect(page.get_by_role("row").filter(has_text=recipient.label)).to_contain_text("Late")
    checks("publication-copies-recorded")

    # ... and publishes the report.
    main.get_by_role("button", name="Publish the report").click()
    expect(heading).to_have_text("Publish the report")
    checks()
    page.get_by_label("Title on the public page").fill(TITLE)
    page.get_by_label("Summary for the public page").fill(SUMMARY)
    published_pdf = pdf_bytes(TITLE, "Recommended improvements: share concerns.")
    page.get_by_label("The report", exact=True).set_input_files(
        payload("Child R.pdf", "application/pdf", published_pdf)
    )
    page.get_by_role("button", name="Publish the report").click()
    expect(success_banner(page)).to_contain_text("The report is published.")
    expect(state).to_have_text("Published")
    takedown = partnership_clock(partnership=world.partnership).due("PUBLISH-LOCAL", today)
    assert takedown > today
    expect(
        main.locator(".govuk-summary-list__row").filter(has_text="Keep it available until")
    ).to_contain_text(f"{long_date(takedown)} (PUBLISH-LOCAL)")
    checks("publication-published")

    # A visitor who is not signed in finds it on the partnership's public page.
    page.context.clear_cookies()
    page.goto(reverse("published:partnership", kwargs={"partnership_slug": slug}))
    expect(heading).to_have_text("Published reviews")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(LOCAL_CSPR)
    expect(row).to_contain_text(f"{today.day} {today:%B %Y}")
    expect(main).not_to_contain_text(case.reference)
    checks("published-reviews")
    row.get_by_role("link", name=TITLE).click()
    expect(heading).to_have_text(TITLE)
    expect(main).to_contain_text(SUMMARY)
    expect(main).not_to_contain_text(CHILD_NAME)
    expect(main).not_to_contain_text(case.reference)
    checks("published-report")
    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"^Download the report")).click()
    assert download_info.value.path().read_bytes() == published_pdf
