"""Fictional demo learning for Northshire, so that ``make run`` shows a Learning on a Page and a
7-minute briefing on the public pages: a third fictional case taken through every service from
referral to a published report, then its two learning products drafted, written, approved by a
safeguarding partner, published, and the briefing delivered twice. Nothing here is about a real
child or a real review.

Idempotent: nothing is added once the partnership has a learning product. If the partnership
already has a published review (another demo may add one), its learning is used instead of a
new case."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from docx import Document

from cspr.accounts.models import User
from cspr.briefings import services
from cspr.briefings.models import LearningProduct, ProductKind
from cspr.cases.models import ChildStatus
from cspr.cases.services import case_refer, case_triage, notification_record
from cspr.documents.report_content import REPORT_CONTENT
from cspr.documents.services.anonymisation import (
    anonymisation_scan,
    hit_clear,
    review_clear_for_publication,
)
from cspr.documents.services.checklist import checklist_record
from cspr.documents.services.uploads import document_add
from cspr.partnerships.models import Agency, Partnership, Role
from cspr.publication.models import PublishedReport
from cspr.publication.services import copy_record, plan_set, report_publish
from cspr.rapid_reviews.services.decisions import (
    partner_decide,
    partners_represented_by,
    rapid_review_send_to_partners,
    required_partners,
)
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from cspr.reviews.models import Review
from cspr.reviews.services import (
    participant_add,
    review_mark_final,
    review_open,
    terms_approve,
    terms_draft,
)
from cspr.statutory.calendar import subtract_working_days

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FICTIONAL = "Fictional demo: "

SUMMARY = (
    "FICTIONAL DEMO. A baby of seven months was taken to hospital with a head injury. The "
    "family had recently moved into the area. Bruising had been seen twice before and "
    "explained as falls; records from the previous area arrived late, and the mother's new "
    "partner was not known to the agencies working with the family."
)

# The business unit's text for each section (a fictional example of the finished product).
TEXT = {
    "key_learning": (
        "- Bruising in a baby who is not yet mobile always needs a referral, whatever the "
        "explanation.\n"
        "- When a family moves into the area, ask for the previous area's records and read "
        "them before the first visit.\n"
        "- Ask who lives in the home and who looks after the baby: men in the household are "
        "often unseen.\n"
        "- Escalate when you disagree with a decision, and record that you did."
    ),
    "good_practice": (
        "The health visitor recorded each visit in detail and told her safeguarding lead the "
        "same day. The hospital followed the protocol for injuries in non-mobile babies."
    ),
    "do_differently": (
        "- Follow the bruising protocol for every non-mobile baby.\n"
        "- Record every adult in the household.\n"
        "- Chase records from a previous area."
    ),
    "partnership_changes": (
        "- A protocol for families who move into the area, with a named lead in each agency.\n"
        "- Training on the bruising protocol for every agency.\n"
        "- An audit of the escalation procedure, reported to the partners in six months."
    ),
    "why_it_matters": (
        "Babies who cannot move on their own should not have bruises. An injury to a baby is "
        "often the first sign of abuse, and babies cannot tell anyone what happened."
    ),
}

MEETING = {
    "attendees": "Fictional demo: the CSPR group",
    "facts": "Fictional demo. A baby was admitted with a head injury.",
    "immediate_action": "Fictional demo. The baby's sibling is staying with grandparents.",
    "improvements": "Fictional demo. Sharing records when families move area.",
    "next_steps": "Fictional demo. A local child safeguarding practice review.",
    "learning_identified": (
        "- Bruising in a baby who is not yet mobile always needs a referral.\n"
        "- Records from a previous area must be asked for and read."
    ),
    "recommended_outcome": "local_cspr",
    "rationale": "Fictional demo: agencies did not share what they knew.",
    "missing_returns_reason": "Fictional demo: decided on the agencies' verbal summaries.",
}


def _person(partnership: Partnership, role: Role) -> User:
    return User.objects.filter(memberships__partnership=partnership, memberships__role=role)[0]


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 (loads Pango: only when seeding)

    result: bytes = HTML(string=f'<html lang="en-GB"><p>{text}</p></html>').write_pdf()
    return result


def _partners(partnership: Partnership) -> dict[str, User]:
    """One representative of each statutory partner the partnership requires."""
    people: dict[str, User] = {}
    representatives = User.objects.filter(
        memberships__partnership=partnership, memberships__role=Role.SAFEGUARDING_PARTNER
    ).distinct()
    for person in representatives:
        for partner in partners_represented_by(person, partnership):
            people.setdefault(partner, person)
    return {p: people[p] for p in required_partners(partnership) if p in people}


def _decided_case(partnership: Partnership, bu: User, today: dt.date) -> Review:
    """Referral, triage, notification, Rapid Review and the partners' decision: a local CSPR."""
    lead = _person(partnership, Role.AGENCY_LEAD)
    school = Agency.objects.get(partnership=partnership, name="Northshire Academy")
    hospital = Agency.objects.get(
        partnership=partnership, name="Northshire Hospitals NHS Foundation Trust"
    )
    aware = subtract_working_days(today, 2)
    case = case_refer(
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values={
            "incident_date": aware,
            "la_aware_date": aware,
            "partners_aware_date": None,
            "incident_kind": "serious_harm",
            "abuse_or_neglect": "suspected",
            "location": "in_area",
            "child_statuses": [ChildStatus.EARLY_HELP],
            "police_investigation": "yes",
            "parallel_processes": [],
            "case_outline": SUMMARY,
        },
        identity_values={"full_name": "Rowan Demothree", "age_years": 0, "sex": "male"},
        agencies_involved=[school, hospital],
    )
    case_triage(case=case, by=bu, outcome="notify", reason="Fictional demo: serious harm.")
    notification_record(case=case, by=bu, kind="panel", sent_on=today)
    rapid_review = rapid_review_start(case=case, by=bu)
    agency_invite(rapid_review=rapid_review, by=bu, agency=hospital)
    rapid_review = meeting_record(
        rapid_review=rapid_review,
        by=bu,
        values={**MEETING, "meeting_date": today},
        criteria={},
        expected_version=rapid_review.version,
    )
    rapid_review = rapid_review_send_to_partners(rapid_review=rapid_review, by=bu)
    for partner, person in _partners(partnership).items():
        partner_decide(
            rapid_review=rapid_review,
            by=person,
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    case.refresh_from_db()
    return review_open(case=case, by=bu, kind="local_cspr", methodology="systems")


def _published_review(partnership: Partnership, bu: User, today: dt.date) -> PublishedReport:
    """A fictional local CSPR taken from the partners' decision to its public page today."""
    review = _decided_case(partnership, bu, today)
    partners = _partners(partnership)
    terms = terms_draft(
        review=review,
        by=bu,
        scope_from=today - dt.timedelta(days=240),
        scope_to=today - dt.timedelta(days=7),
        lines_of_enquiry="Fictional demo: how records were shared when the family moved area.",
        agencies=list(review.case.agencies_involved.all()),
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    participant_add(
        review=review,
        by=bu,
        values={
            "kind": "family",
            "name": "Parent A",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": today,
            "status": "contributed",
            "how_views_gathered": "Fictional demo: a home visit by the reviewer.",
        },
    )
    report = _docx("Fictional demo report.", SUMMARY, TEXT["key_learning"])
    document_add(
        review=review,
        by=bu,
        kind="final_report",
        title="The report (fictional demo)",
        upload=SimpleUploadedFile("report.docx", report, content_type=DOCX_TYPE),
    )
    checklist_record(
        review=review, by=bu, pointers={item.key: "Section 1" for item in REPORT_CONTENT}
    )
    review = review_mark_final(review=review, by=bu)
    scan = anonymisation_scan(review=review, by=bu)
    for hit in scan.hits.all():
        hit_clear(hit=hit, by=bu, note="Fictional demo: checked.")
    review = review_clear_for_publication(review=review, by=bu)
    plan_set(
        review=review,
        by=bu,
        planned_on=today,
        copies_late_reason="Fictional demo: the review was completed and published on one day.",
    )
    for recipient in ("panel", "secretary_of_state", "ofsted"):
        copy_record(review=review, by=bu, recipient=recipient, sent_on=today)
    return report_publish(
        review=review,
        by=bu,
        title=f"{review.case.pseudonym}: a local child safeguarding practice review "
        "(fictional demo)",
        summary=SUMMARY,
        uploaded_file=SimpleUploadedFile(
            "report.pdf", _pdf(FICTIONAL + SUMMARY), content_type="application/pdf"
        ),
    )


@transaction.atomic
def seed_demo_learning(partnership: Partnership) -> int:
    """Both learning products of a published review, published, with two deliveries; returns
    how many products were added (0 once there are any)."""
    if LearningProduct.objects.filter(review__case__partnership=partnership).exists():
        return 0
    today = timezone.localdate()
    bu = _person(partnership, Role.BUSINESS_UNIT)
    published = (
        PublishedReport.objects.filter(
            review__case__partnership=partnership, taken_down_on__isnull=True
        )
        .select_related("review")
        .first()
    )
    if published is None:
        published = _published_review(partnership, bu, today)
    partner = next(iter(_partners(partnership).values()))
    added = 0
    for kind in (ProductKind.LEARNING_ON_A_PAGE, ProductKind.SEVEN_MINUTE_BRIEFING):
        product = services.product_draft(review=published.review, kind=kind, by=bu)
        values = {
            name: TEXT[name]
            for name in services.editable_fields(product)
            if name in TEXT and not getattr(product, name).strip()
        }
        values["key_learning"] = TEXT["key_learning"]
        product = services.product_update(
            product=product, by=bu, values=values, expected_version=product.version
        )
        product = services.product_approve(product=product, by=partner)
        product = services.product_publish(product=product, by=bu)
        added += 1
    briefing = LearningProduct.objects.get(
        review=published.review, kind=ProductKind.SEVEN_MINUTE_BRIEFING
    )
    school = Agency.objects.filter(partnership=partnership, name="Northshire Academy").first()
    hospital = Agency.objects.filter(
        partnership=partnership, name="Northshire Hospitals NHS Foundation Trust"
    ).first()
    for agency, team, attendees, who in (
        (hospital, "Fictional demo: paediatric emergency department", 14, "Named nurse"),
        (school, "Fictional demo: pastoral team", 8, "Designated safeguarding lead"),
    ):
        services.delivery_record(
            product=briefing,
            by=bu,
            team=team,
            delivered_on=today,
            attendees=attendees,
            delivered_by=who,
            agency=agency,
            notes="Fictional demo: the team agreed to use the bruising protocol.",
        )
    return added
