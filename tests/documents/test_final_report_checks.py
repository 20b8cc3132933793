"""The report is marked final only with its file uploaded, every REPORT-CONTENT item placed in
it, and every point of the partners' and the Panel's quality feedback answered and closed."""

import pytest

from cspr.core.errors import DomainError
from cspr.documents.models import FeedbackPoint
from cspr.documents.report_content import REPORT_CONTENT, ContentKey
from cspr.documents.selectors import checklist_state
from cspr.documents.services.checklist import checklist_record
from cspr.documents.services.feedback import feedback_add, feedback_close, feedback_respond
from cspr.reviews.access import review_url
from cspr.reviews.services import final_report_problems, review_mark_final
from cspr.reviews.workflow import ReviewState
from tests.documents.files import add_document
from tests.documents.records import complete_final_report

POINTERS = {item.key: f"Section {n}" for n, item in enumerate(REPORT_CONTENT, start=1)}


def test_the_data_table_and_the_choices_agree() -> None:
    assert [item.key for item in REPORT_CONTENT] == list(ContentKey.values)


def test_report_content_blocks_marking_final_until_complete(ready_review, bu) -> None:
    """REPORT-CONTENT: the checklist and the report itself."""
    with pytest.raises(DomainError) as refused:
        review_mark_final(review=ready_review, by=bu)
    assert "Upload the final report." in refused.value.message
    assert "report content checklist (REPORT-CONTENT)" in refused.value.message
    add_document(ready_review, bu, kind="final_report")
    checklist_record(review=ready_review, by=bu, pointers={**POINTERS, "good_practice": ""})
    problems = " ".join(final_report_problems(ready_review))
    assert "say where the report covers good practice." in problems
    assert "Upload the final report" not in problems
    checklist_record(review=ready_review, by=bu, pointers=POINTERS)
    review = review_mark_final(review=ready_review, by=bu)
    assert review.state == ReviewState.REPORT_FINAL


def test_blanking_a_pointer_takes_the_item_off(ready_review, bu) -> None:
    checklist_record(review=ready_review, by=bu, pointers=POINTERS)
    checklist_record(review=ready_review, by=bu, pointers={"methodology": "  "})
    assert "the methodology" in " ".join(final_report_problems(ready_review))


def test_open_feedback_blocks_marking_final_until_closed(ready_review, bu, world) -> None:
    add_document(ready_review, bu, kind="final_report")
    checklist_record(review=ready_review, by=bu, pointers=POINTERS)
    partner = world.person("safeguarding_partner")
    point = feedback_add(
        review=ready_review, by=partner, source="partners", point="Say more on housing."
    )
    feedback_add(review=ready_review, by=bu, source="panel", point="Shorten the summary.")
    with pytest.raises(DomainError, match="Close the 2 open points of quality feedback"):
        review_mark_final(review=ready_review, by=bu)
    with pytest.raises(DomainError, match="Record the response"):
        feedback_close(item=point, by=bu)
    for item in FeedbackPoint.objects.all():
        feedback_respond(item=item, by=world.person("reviewer"), response="Done in section 5.")
        feedback_close(item=item, by=bu)
    assert review_mark_final(review=ready_review, by=bu).state == ReviewState.REPORT_FINAL


def test_the_checklist_page_saves_pointers(ready_review, client_as) -> None:
    url = review_url(ready_review, "documents:checklist")
    client = client_as("business_unit")
    assert "A summary of recommended improvements" in client.get(url).content.decode()
    version = checklist_state(ready_review)
    response = client.post(url, {"improvements": "Section 7, pages 30 to 32", "version": version})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Section 7, pages 30 to 32" in page
    assert client_as("safeguarding_partner").get(url).status_code == 403


def test_partners_add_their_own_points_not_the_panels(ready_review, client_as) -> None:
    url = review_url(ready_review, "documents:feedback-add")
    partner = client_as("safeguarding_partner")
    refused = partner.post(url, {"source": "panel", "point": "x"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert partner.post(url, {"source": "partners", "point": "More on race."}).status_code == 302
    point = FeedbackPoint.objects.get()
    assert point.source == "partners"
    close = review_url(ready_review, "documents:feedback-close", point_id=point.pk)
    assert partner.post(close).status_code == 403
    respond = review_url(ready_review, "documents:feedback-respond", point_id=point.pk)
    assert (
        client_as("reviewer").post(respond, {"response": "x"}).status_code == 404
    )  # no commission
    bu = client_as("business_unit")
    saved = bu.post(respond, {"response": "Added to section 6.", "version": point.version})
    assert saved.status_code == 302
    assert bu.post(close).status_code == 302
    page = bu.get(review_url(ready_review, "documents:feedback")).content.decode()
    assert "Closed points (1)" in page


def test_the_helper_for_other_apps_tests_completes_the_report(ready_review, bu) -> None:
    complete_final_report(ready_review, bu)
    assert review_mark_final(review=ready_review, by=bu).state == ReviewState.REPORT_FINAL
