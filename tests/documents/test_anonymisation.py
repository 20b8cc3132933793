"""The anonymisation check (REPORT-CONTENT: published reports are anonymised) finds what the
case records (the child's name, a sibling's name, the date of birth, the school) in a Word
file and in a PDF, lists each hit in its context, and the report is cleared for publication
only when every hit of a check on its latest version is cleared. Hits never reach the audit
trail."""

import io
import json

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.documents.models import AnonymisationHit
from cspr.documents.services.anonymisation import (
    anonymisation_scan,
    hit_clear,
    review_clear_for_publication,
)
from cspr.documents.services.checklist import checklist_record
from cspr.documents.services.uploads import version_add
from cspr.reviews.access import review_url
from cspr.reviews.services import review_mark_final
from cspr.reviews.workflow import ReviewState
from tests.documents.files import add_document, docx_bytes, pdf_bytes, upload
from tests.documents.test_final_report_checks import POINTERS

SCHOOL = "Northshire Test SCP School"  # the referring agency, a school (tests/conftest.py)
BODY = "RUBY TESTCHILD was seen by the health visitor on 3 March."
TABLE = f"Her brother Leo went to {SCHOOL} every day."
HEADER = "Child R, born 1 September 2025"
FOOTER = "DOB 01/09/2025, page 1"
EXPECTED = {
    ("name", "RUBY TESTCHILD"),
    ("name", "Leo"),
    ("place", SCHOOL),
    ("date_of_birth", "1 September 2025"),
    ("date_of_birth", "01/09/2025"),
}
PLANTED = ["Ruby", "Testchild", "Leo", SCHOOL, "1 September 2025", "01/09/2025", "2025-09-01"]


def word_report() -> bytes:
    return docx_bytes(
        "This report is about Child R.", BODY, table=[TABLE], header=HEADER, footer=FOOTER
    )


def pdf_report() -> bytes:
    return pdf_bytes(f"This report is about Child R. {BODY}", f"{TABLE} {HEADER}. {FOOTER}")


def found(scan) -> set[tuple[str, str]]:
    return {(hit.term_kind, hit.term) for hit in scan.hits.all()}


def test_the_check_finds_planted_names_in_a_word_file(with_siblings, bu) -> None:
    add_document(with_siblings, bu, kind="final_report", data=word_report(), name="r.docx")
    scan = anonymisation_scan(review=with_siblings, by=bu)
    assert found(scan) == EXPECTED
    where = {hit.term: (hit.location, hit.context) for hit in scan.hits.all()}
    assert where["RUBY TESTCHILD"] == ("paragraph 2", BODY)
    assert where["Leo"] == ("paragraph 3", TABLE)  # in a table
    assert where["1 September 2025"][0] == "header"
    assert where["01/09/2025"][0] == "footer"


def test_the_check_finds_planted_names_in_a_pdf(with_siblings, bu) -> None:
    add_document(with_siblings, bu, kind="final_report", data=pdf_report(), name="r.pdf")
    scan = anonymisation_scan(review=with_siblings, by=bu)
    assert found(scan) == EXPECTED
    where = {hit.term: hit for hit in scan.hits.all()}
    assert where["RUBY TESTCHILD"].location == "page 1"
    assert where[SCHOOL].location == "page 2"
    assert "brother Leo went to" in where["Leo"].context


def test_each_hit_has_about_sixty_characters_either_side(cspr, bu) -> None:
    text = "x " * 60 + "Ruby Testchild" + " y" * 60
    add_document(cspr, bu, kind="final_report", data=docx_bytes(text), name="r.docx")
    hit = anonymisation_scan(review=cspr, by=bu).hits.get()
    assert hit.context == "…" + "x " * 30 + "Ruby Testchild" + " y" * 30 + "…"


def test_a_report_without_text_cannot_be_checked(cspr, bu) -> None:
    add_document(cspr, bu, kind="final_report", data=pdf_bytes(""), name="scan.pdf")
    with pytest.raises(DomainError, match="found no text"):
        anonymisation_scan(review=cspr, by=bu)


@pytest.fixture
def final_review(ready_review, bu):
    """A review whose report is final, with hits of the child's name to clear."""
    add_document(
        ready_review,
        bu,
        kind="final_report",
        data=docx_bytes("Ruby was known to the school.", "Ruby Testchild, born 2025-09-01."),
        name="Final.docx",
    )
    checklist_record(review=ready_review, by=bu, pointers=POINTERS)
    return review_mark_final(review=ready_review, by=bu)


def test_clearing_every_hit_clears_the_report_for_publication(final_review, bu) -> None:
    with pytest.raises(DomainError, match="Run the anonymisation check"):
        review_clear_for_publication(review=final_review, by=bu)
    scan = anonymisation_scan(review=final_review, by=bu)
    first, *others = list(scan.hits.all())
    assert len(others) == 2
    with pytest.raises(DomainError, match="Say why"):
        hit_clear(hit=first, by=bu, note=" ")
    hit_clear(hit=first, by=bu, note="Fictional name used.")
    with pytest.raises(DomainError, match="2 hits not cleared yet"):
        review_clear_for_publication(review=final_review, by=bu)
    for hit in others:
        hit_clear(hit=hit, by=bu, note="False positive.")
    review = review_clear_for_publication(review=final_review, by=bu)
    assert review.state == ReviewState.READY_TO_PUBLISH
    with pytest.raises(DomainError, match="cleared for publication"):
        version_add(
            document=review.documents.get(), by=bu, upload=upload("v.docx", docx_bytes("v"))
        )


def test_a_new_final_version_needs_a_new_check(final_review, bu) -> None:
    scan = anonymisation_scan(review=final_review, by=bu)
    for hit in scan.hits.all():
        hit_clear(hit=hit, by=bu, note="Fictional name used.")
    version_add(
        document=final_review.documents.get(),
        by=bu,
        upload=upload("v2.docx", docx_bytes("Child R was known to the school.")),
    )
    with pytest.raises(DomainError, match="Version 2 of the final report has not been checked"):
        review_clear_for_publication(review=final_review, by=bu)
    old_hit = scan.hits.first()
    old_hit.cleared_on = None
    old_hit.clearance_note = ""
    old_hit.save()
    new = anonymisation_scan(review=final_review, by=bu)
    assert new.hits.count() == 0
    with pytest.raises(DomainError, match="run again since"):
        hit_clear(hit=old_hit, by=bu, note="x")
    assert review_clear_for_publication(review=final_review, by=bu).state == "ready_to_publish"


def test_the_report_must_be_final_to_be_cleared(cspr, bu) -> None:
    add_document(cspr, bu, kind="final_report", data=docx_bytes("Child R."), name="r.docx")
    anonymisation_scan(review=cspr, by=bu)
    with pytest.raises(DomainError, match="Mark the report final first"):
        review_clear_for_publication(review=cspr, by=bu)


def test_the_audit_trail_has_counts_never_the_terms(with_siblings, bu, client_as) -> None:
    add_document(with_siblings, bu, kind="final_report", data=word_report(), name="r.docx")
    scan = anonymisation_scan(review=with_siblings, by=bu)
    client = client_as("business_unit")
    assert client.get(review_url(with_siblings, "documents:anonymisation")).status_code == 200
    for hit in scan.hits.all():
        url = review_url(with_siblings, "documents:hit-clear", hit_id=hit.pk)
        assert client.post(url, {"note": "Fictional name used."}).status_code == 302
    event = AuditEvent.objects.get(verb="anonymisation.checked")
    assert event.data["hits"] == 5
    assert event.data["hits_by_kind"] == {"name": 2, "place": 1, "date_of_birth": 2}
    trail = json.dumps(list(AuditEvent.objects.values("verb", "object_type", "object_id", "data")))
    for planted in PLANTED:
        assert planted.lower() not in trail.lower()


def test_the_hits_are_shown_to_the_business_unit_only(with_siblings, bu, commission, client_as):
    add_document(with_siblings, bu, kind="final_report", data=word_report(), name="r.docx")
    anonymisation_scan(review=with_siblings, by=bu)
    url = review_url(with_siblings, "documents:anonymisation")
    page = client_as("business_unit").get(url).content.decode()
    assert "<mark>RUBY TESTCHILD</mark> was seen by the health visitor" in page
    assert "5 found, 5 not cleared" in page
    for role in ("safeguarding_partner", "reviewer", "agency_lead"):
        assert client_as(role).get(url).status_code == 403
    hit = AnonymisationHit.objects.first()
    clear = review_url(with_siblings, "documents:hit-clear", hit_id=hit.pk)
    assert client_as("safeguarding_partner").post(clear, {"note": "x"}).status_code == 403


def test_deleted_text_and_the_document_properties_are_checked(cspr, bu) -> None:
    """Text deleted with tracked changes is still in the file; so is the author's name."""
    document = Document()
    document.core_properties.author = "Ruby Testchild"
    paragraph = document.add_paragraph("Child R ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>Testchild</w:delText>'
            "</w:r></w:del>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    add_document(cspr, bu, kind="final_report", data=buffer.getvalue(), name="r.docx")
    scan = anonymisation_scan(review=cspr, by=bu)
    assert {(h.term, h.location) for h in scan.hits.all()} == {
        ("Ruby Testchild", "document properties"),
        ("Testchild", "paragraph 1"),
    }
