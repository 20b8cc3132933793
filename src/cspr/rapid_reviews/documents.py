"""The Rapid Review document for the Panel (RR-PURPOSE sections), as Word to edit and PDF to
send. It names the child only by pseudonym: documents leave CSPR."""

from typing import Any

from django.utils import timezone

from cspr.core.documents import add_section, add_table, docx_bytes, new_document, pdf_bytes
from cspr.partnerships.models import StatutoryPartner
from cspr.rapid_reviews.criteria import LOCAL_CRITERIA, NATIONAL_CRITERIA, Outcome
from cspr.rapid_reviews.models import RapidReview
from cspr.rapid_reviews.selectors import current_decisions, invitation_rows
from cspr.rapid_reviews.services.panel import rapid_review_due

SECTIONS = (
    ("1. The facts, as far as they can readily be established", "facts"),
    ("2. Immediate action needed to keep children safe", "immediate_action"),
    ("3. The potential for identifying improvements", "improvements"),
    ("4. Next steps, including whether to undertake a review", "next_steps"),
)


def _day(value: Any) -> str:
    return f"{value:%-d %B %Y}" if value else "Not yet"


def document_context(review: RapidReview) -> dict[str, Any]:
    case = review.case
    outcome = Outcome(review.recommended_outcome).label if review.recommended_outcome else ""
    return {
        "review": review,
        "case": case,
        "partnership": case.partnership,
        "key_dates": [
            ("Incident", _day(case.incident_date)),
            ("Local authority aware", _day(case.la_aware_date)),
            ("Partners aware", _day(case.rapid_review_clock_start)),
            ("Rapid Review meeting", _day(review.meeting_date)),
            ("Due to the Panel (RAPID-REVIEW)", _day(rapid_review_due(review))),
            ("Sent to the Panel", _day(review.sent_to_panel_on)),
        ],
        "sections": [(heading, getattr(review, field)) for heading, field in SECTIONS],
        "returns": invitation_rows(review, today=timezone.localdate()),
        "criteria": [
            (c.rule, c.text, review.criterion(c.key)) for c in (*LOCAL_CRITERIA, *NATIONAL_CRITERIA)
        ],
        "outcome": outcome,
        "evidence": [
            ("Learning library" if c.learning_item_id else "Earlier case", c.label)
            for c in review.citations.all()
        ],
        "decisions": [
            (
                StatutoryPartner(d.statutory_partner).label,
                d.get_choice_display(),
                d.decided_by.full_name,
                _day(d.created_at),
            )
            for d in current_decisions(review)
        ],
    }


def rapid_review_docx(review: RapidReview) -> bytes:
    context = document_context(review)
    case = context["case"]
    document = new_document(
        f"Rapid Review: {case.pseudonym}",
        f"{context['partnership'].name}. Case {case.reference}.",
    )
    document.add_heading("Key dates", level=1)
    add_table(document, ("Event", "Date"), context["key_dates"])
    for heading, text in context["sections"]:
        add_section(document, heading, text)
    document.add_heading("Agencies and their scoping returns", level=1)
    add_table(
        document,
        ("Agency", "Due", "Return"),
        [
            (r.invitation.agency.name, _day(r.due), r.scoping_return.get_state_display())
            for r in context["returns"]
        ],
    )
    document.add_heading("Immediate safeguarding actions", level=1)
    add_table(
        document,
        ("Action", "Owner", "Due"),
        [
            (a.action, f"{a.owner_name}, {a.owner_agency.name}", _day(a.due_on))
            for a in review.immediate_actions.all()
        ],
    )
    add_section(document, "Learning identified", review.learning_identified)
    document.add_heading("The criteria", level=1)
    add_table(
        document,
        ("Criterion", "Applies", "Note"),
        [
            (
                f"{rule}: {text}",
                "Yes" if answer.get("applies") else "No",
                str(answer.get("note", "")),
            )
            for rule, text, answer in context["criteria"]
        ],
    )
    add_section(
        document, f"Recommendation: {context['outcome'] or 'not yet recorded'}", review.rationale
    )
    if context["evidence"]:
        document.add_heading("Evidence cited: earlier reviews and cases (CRIT-LOCAL)", level=2)
        add_table(document, ("Source", "Cited"), context["evidence"])
    document.add_heading("The safeguarding partners' decision", level=1)
    add_table(document, ("Partner", "Decision", "By", "On"), context["decisions"])
    return docx_bytes(document)


def rapid_review_pdf(review: RapidReview) -> bytes:
    return pdf_bytes("rapid_reviews/document.html", document_context(review))
