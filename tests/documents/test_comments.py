"""Comments on a version: the partners, the business unit and the reviewer comment; the
business unit and the reviewer mark them resolved."""

import pytest

from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError
from cspr.documents.models import DocumentComment
from cspr.documents.services.comments import comment_add, comment_resolve
from cspr.reviews.access import review_url
from tests.documents.files import add_document


@pytest.fixture
def version(cspr, bu):
    return add_document(cspr, bu).versions.get()


def test_a_partner_comments_and_the_business_unit_resolves(version, client_as) -> None:
    review = version.document.review
    add = review_url(review, "documents:comment-add", version_id=version.pk)
    partner = client_as("safeguarding_partner")
    assert partner.post(add, {"text": ""}).status_code == 200  # error shown, nothing saved
    response = partner.post(add, {"text": "Section 3 names the school."})
    assert response.status_code == 302
    comment = DocumentComment.objects.get()
    page = partner.get(response["Location"]).content.decode()
    assert "Section 3 names the school." in page
    resolve = review_url(review, "documents:comment-resolve", comment_id=comment.pk)
    assert partner.post(resolve).status_code == 403
    assert client_as("business_unit").post(resolve).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    event = AuditEvent.objects.get(verb="document_comment.added")
    assert "Section" not in str(event.data)


def test_an_agency_lead_cannot_comment(version, client_as) -> None:
    url = review_url(version.document.review, "documents:comment-add", version_id=version.pk)
    assert client_as("agency_lead").post(url, {"text": "x"}).status_code == 403


def test_a_comment_is_resolved_once(version, bu) -> None:
    comment = comment_add(version=version, by=bu, text="Check page 4.")
    comment_resolve(comment=comment, by=bu)
    with pytest.raises(DomainError, match="already been resolved"):
        comment_resolve(comment=comment, by=bu)
