"""One record of each kind a documents URL names, for tests that walk every URL
(tests/security/test_partnership_isolation.py can use ``document_url_ids``)."""

from typing import Any

from cspr.documents.report_content import REPORT_CONTENT
from cspr.documents.services.anonymisation import anonymisation_scan
from cspr.documents.services.checklist import checklist_record
from cspr.documents.services.comments import comment_add
from cspr.documents.services.feedback import feedback_add
from tests.documents.files import add_document, docx_bytes
from tests.fixtures.cases import CHILD_NAME


def document_url_ids(review: Any, by: Any) -> dict[str, int]:
    """Real ids, by URL keyword, of a final report (whose text names the child, so the check
    has a hit), its version, a comment, a feedback point and the hit. ``by`` is the review's
    business unit; the review must be under way."""
    document = add_document(
        review, by, kind="final_report", data=docx_bytes(f"{CHILD_NAME}."), name="r.docx"
    )
    version = document.versions.get()
    comment = comment_add(version=version, by=by, text="x")
    point = feedback_add(review=review, by=by, source="partners", point="x")
    hit = anonymisation_scan(review=review, by=by).hits.order_by("pk").first()
    assert hit is not None, "the report names the child, so the check must find it"
    return {
        "document_id": document.pk,
        "version_id": version.pk,
        "comment_id": comment.pk,
        "point_id": point.pk,
        "hit_id": hit.pk,
    }


def complete_final_report(review: Any, by: Any) -> None:
    """What the documents app needs before ``review_mark_final``: a final report uploaded
    (with no case details in it) and every REPORT-CONTENT item placed in it."""
    add_document(review, by, kind="final_report", data=docx_bytes("About Child R."), name="r.docx")
    checklist_record(
        review=review, by=by, pointers={item.key: "Section 1" for item in REPORT_CONTENT}
    )
