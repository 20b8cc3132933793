"""The Rapid Review document (Word and PDF, RR-PURPOSE sections) and the notification data
pack as a Word file: generated from what was recorded, downloaded only by those allowed, and
audited as exports."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from cspr.audit.models import AuditEvent
from cspr.rapid_reviews.services.meeting import meeting_record
from tests.fixtures.cases import CHILD_NAME
from tests.rapid_reviews.test_recommendation_decision_and_panel import CRITERIA, MEETING


@pytest.fixture
def recorded(review, invite, school, world):
    invite(school)
    return meeting_record(
        rapid_review=review,
        by=world.person("business_unit"),
        values={**MEETING, "missing_returns_reason": "Return delayed."},
        criteria=CRITERIA,
        expected_version=review.version,
    )


def doc_url(review, fmt: str) -> str:
    case = review.case
    return reverse(
        "rapid_reviews:document",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, "fmt": fmt},
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_word_document_has_the_four_rr_purpose_sections_and_the_recommendation(
    recorded, client_as, world
) -> None:
    response = client_as("business_unit").get(doc_url(recorded, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-rapid-review.docx"')
    text = docx_text(response.content)
    for expected in (
        "1. The facts",
        "2. Immediate action",
        "3. The potential",
        "4. Next steps",
        world.partnership.name,
        recorded.case.pseudonym,
        "Two agencies did not work together.",
        "CRIT-LOCAL (a)",
        "Local child safeguarding practice review",
    ):
        assert expected in text
    assert CHILD_NAME not in text
    assert AuditEvent.objects.filter(
        verb="rapid_review.exported", action=AuditEvent.Action.EXPORT
    ).exists()


def test_the_pdf_says_the_same(recorded, client_as) -> None:
    response = client_as("safeguarding_partner").get(doc_url(recorded, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Rapid Review" in text
    assert "The facts" in text
    assert "Two agencies did not work together." in text
    assert CHILD_NAME not in text


def test_agency_leads_cannot_download_the_rapid_review(recorded, client_as) -> None:
    assert client_as("agency_lead").get(doc_url(recorded, "docx")).status_code == 403


def test_the_data_pack_word_file_holds_every_answer(notified_case, client_as) -> None:
    url = reverse(
        "cases:data-pack-docx",
        kwargs={
            "partnership_slug": notified_case.partnership.slug,
            "reference": notified_case.reference,
        },
    )
    response = client_as("business_unit").get(url)
    text = docx_text(response.content)
    for expected in (CHILD_NAME, "24/02/2026", "Serious harm", "Serious incident notification"):
        assert expected in text
    assert AuditEvent.objects.filter(verb="notification_data_pack.exported").exists()
    assert client_as("safeguarding_partner").get(url).status_code == 403
