"""Files are served only through a permission check, and every download is audited (an
export in the audit trail)."""

import pytest
from django.test import Client

from cspr.audit.models import AuditEvent
from cspr.reviews.access import review_url
from tests.documents.files import add_document, pdf_bytes


@pytest.fixture
def version(cspr, bu):
    document = add_document(cspr, bu, data=pdf_bytes("A draft."), name="Draft <v1>.pdf")
    return document.versions.get()


def download_url(version) -> str:
    return review_url(version.document.review, "documents:download", version_id=version.pk)


def test_a_download_is_served_safely_and_audited(version, client_as, bu) -> None:
    response = client_as("business_unit").get(download_url(version))
    assert response.status_code == 200
    assert response.getvalue() == version.file.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Draft v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(verb="document.downloaded")
    assert event.action == AuditEvent.Action.EXPORT
    assert event.actor == bu
    assert (event.object_type, event.object_id) == ("documents.documentversion", str(version.pk))


@pytest.mark.parametrize("role", ["safeguarding_partner", "reviewer"])
def test_the_partners_and_the_commissioned_reviewer_download(version, commission, client_as, role):
    assert client_as(role).get(download_url(version)).status_code == 200


def test_a_reviewer_without_a_commission_gets_nothing(version, client_as) -> None:
    assert client_as("reviewer").get(download_url(version)).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("agency_lead", 403), ("administrator", 404), ("independent_scrutineer", 404)],
)
def test_others_in_the_partnership_cannot_download(version, client_as, role, status) -> None:
    """The agency lead referred the case, so sees it, but not the review's documents."""
    assert client_as(role).get(download_url(version)).status_code == status
    assert not AuditEvent.objects.filter(verb="document.downloaded").exists()


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "reviewer"])
def test_another_partnership_gets_404(version, other_world, role) -> None:
    client = Client()
    client.force_login(other_world.person(role))
    assert client.get(download_url(version)).status_code == 404
    assert not AuditEvent.objects.filter(verb="document.downloaded").exists()


def test_a_version_id_not_of_this_review_is_404(version, client_as) -> None:
    url = review_url(version.document.review, "documents:download", version_id=version.pk + 99)
    assert client_as("business_unit").get(url).status_code == 404


def test_only_the_business_unit_and_reviewer_upload(cspr, commission, client_as) -> None:
    url = review_url(cspr, "documents:add")
    assert client_as("business_unit").get(url).status_code == 200
    assert client_as("reviewer").get(url).status_code == 200
    assert client_as("safeguarding_partner").get(url).status_code == 403
    assert client_as("agency_lead").get(url).status_code == 403
