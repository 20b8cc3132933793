"""The pages: well formed for the business unit, the upload form keeps what was typed when the
file is refused, and nobody of another partnership gets anything from any documents URL."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from cspr.documents.models import Document
from cspr.documents.services.comments import comment_add
from cspr.reviews.access import review_url
from tests.core.test_every_url_is_guarded import walk
from tests.core.test_page_structure import assert_well_formed
from tests.documents.files import add_document, docx_bytes, pdf_bytes, upload
from tests.documents.records import document_url_ids


@pytest.fixture
def ids(commission, bu) -> dict[str, object]:
    review = commission.review
    case = review.case
    return {
        "partnership_slug": case.partnership.slug,
        "reference": case.reference,
        **document_url_ids(review, bu),
    }


def document_urls(ids) -> list[tuple[str, str]]:
    urls = []
    for name, pattern in walk(get_resolver().url_patterns):
        if name.startswith("documents:"):
            keywords = set(pattern.pattern.regex.groupindex) | {"partnership_slug", "reference"}
            urls.append((name, reverse(name, kwargs={k: ids[k] for k in keywords})))
    return urls


POST_ONLY = {"documents:comment-resolve"}
NO_GET = {"documents:download"} | POST_ONLY


def test_every_page_is_well_formed_for_the_business_unit(ids, client_as) -> None:
    client = client_as("business_unit")
    urls = document_urls(ids)
    assert len(urls) == 16
    for name, url in urls:
        if name in NO_GET:
            continue
        response = client.get(url)
        assert response.status_code == 200, name
        assert_well_formed(response.content.decode())


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "reviewer"])
def test_nobody_of_another_partnership_gets_anything(ids, other_world, role) -> None:
    client = Client()
    client.force_login(other_world.person(role))
    leaks = []
    for _name, url in document_urls(ids):
        for method in (client.get, client.post):
            status = method(url).status_code
            if status not in {404, 405}:
                leaks.append(f"{method.__name__.upper()} {url} answered {status}")
    assert leaks == []


def test_uploading_through_the_page(cspr, client_as) -> None:
    client = client_as("business_unit")
    url = review_url(cspr, "documents:add")
    form = client.get(review_url(cspr, "documents:list")).content.decode()
    assert 'enctype="multipart/form-data"' in form
    refused = client.post(
        url, {"kind": "draft_report", "title": "Second draft", "file": upload("d.docx", b"hi")}
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "There is a problem" in html
    assert "The selected file must be a PDF, Word document (.docx)" in html
    assert 'value="Second draft"' in html
    assert 'enctype="multipart/form-data"' in html
    response = client.post(
        url,
        {"kind": "draft_report", "title": "Second draft", "file": upload("d.docx", docx_bytes())},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Version 1 (latest)" in page
    new_version = review_url(cspr, "documents:version-add", document_id=document.pk)
    assert client.post(new_version, {"file": upload("d.pdf", pdf_bytes("v2"))}).status_code == 302
    assert document.versions.count() == 2


def test_the_list_page_costs_the_same_queries_for_twice_the_documents(cspr, bu, client_as):
    client = client_as("business_unit")
    url = review_url(cspr, "documents:list")

    def add(count: int) -> int:
        for _ in range(count):
            document = add_document(cspr, bu)
            comment_add(version=document.versions.get(), by=bu, text="x")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert add(2) == add(2)
