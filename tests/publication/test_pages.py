"""The publication page of a review: the business unit manages it, whoever sees the review sees
it, nobody of another partnership gets anything; its forms keep what was typed."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import get_resolver

from cspr.audit.models import AuditEvent
from cspr.publication.models import PublicationDelay, PublishedReport
from cspr.reviews.models import Review
from tests.core.test_every_url_is_guarded import walk
from tests.publication.conftest import PLANNED, at, pdf_upload, url

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("business_unit", 200),
        ("safeguarding_partner", 200),
        ("agency_lead", 403),
        ("administrator", 404),
        ("independent_scrutineer", 404),
        ("reviewer", 404),
    ],
)
def test_who_sees_the_publication_page(ready, client_as, role, status) -> None:
    """The agency lead can see the case they referred, not its publication; people who cannot
    see the case get a 404."""
    assert client_as(role).get(url(ready)).status_code == status


def test_the_commissioned_reviewer_sees_the_page_but_cannot_manage(commission, client_as) -> None:
    ready = commission.review
    Review.objects.filter(pk=ready.pk).update(state="ready_to_publish")
    client = client_as("reviewer")
    assert client.get(url(ready)).status_code == 200
    assert client.get(url(ready, "publication:plan")).status_code == 403


@pytest.mark.parametrize(
    "name", ["publication:plan", "publication:delay-add", "publication:publish"]
)
def test_only_the_business_unit_manages(ready, client_as, name) -> None:
    assert client_as("safeguarding_partner").get(url(ready, name)).status_code == 403
    assert client_as("agency_lead").post(url(ready, name)).status_code == 403
    assert client_as("business_unit").get(url(ready, name)).status_code == 200


def test_another_partnership_gets_nothing(ready, other_world) -> None:
    client = Client()
    client.force_login(other_world.person("business_unit"))
    for name in ("publication:detail", "publication:plan", "publication:publish"):
        assert client.get(url(ready, name)).status_code == 404
    assert client.post(url(ready, "publication:copy", recipient="panel")).status_code == 404


def test_viewing_the_page_is_audited(ready, client_as) -> None:
    client_as("safeguarding_partner").get(url(ready))
    assert AuditEvent.objects.filter(verb="publication.viewed").exists()


def test_the_plan_form_shows_errors_and_keeps_what_was_typed(ready, client_as) -> None:
    client = client_as("business_unit")
    response = client.post(
        url(ready, "publication:plan"),
        {
            "planned_on_0": "1",
            "planned_on_1": "3",
            "planned_on_2": "2026",
            "copies_late_reason": "Kept text",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "today or in the future" in page
    assert "Kept text" in page
    response = client.post(
        url(ready, "publication:plan"),
        {"planned_on_0": "16", "planned_on_1": "3", "planned_on_2": "2026"},
    )
    assert response.status_code == 302
    page = client.get(url(ready)).content.decode()
    assert "Monday 16 March 2026" in page
    assert "Thursday 5 March 2026" in page  # PRE-PUBLICATION


def test_copies_and_delays_through_the_pages(ready, bu, client_as) -> None:
    client = client_as("business_unit")
    client.post(
        url(ready, "publication:plan"),
        {"planned_on_0": "16", "planned_on_1": "3", "planned_on_2": "2026"},
    )
    assert client.get(url(ready, "publication:copy", recipient="nobody")).status_code == 404
    page = client.get(url(ready, "publication:copy", recipient="ofsted")).content.decode()
    assert "Send it by Thursday 5 March 2026" in page
    response = client.post(
        url(ready, "publication:copy", recipient="ofsted"),
        {"sent_on_0": "2", "sent_on_1": "3", "sent_on_2": "2026"},
    )
    assert response.status_code == 302
    response = client.post(
        url(ready, "publication:delay-add"),
        {
            "reason": "inquest",
            "details": "",
            "review_on_0": "1",
            "review_on_1": "4",
            "review_on_2": "2026",
        },
    )
    assert response.status_code == 302
    delay = PublicationDelay.objects.get()
    page = client.get(url(ready)).content.decode()
    assert "Inquest" in page
    assert "1 April 2026" in page
    assert "end the delay first" in page
    response = client.post(
        url(ready, "publication:delay-change", delay_id=delay.pk),
        {"review_on_0": "8", "review_on_1": "4", "review_on_2": "2026", "version": delay.version},
    )
    assert response.status_code == 302
    assert client.get(url(ready, "publication:delay-end", delay_id=delay.pk)).status_code == 200
    assert client.post(url(ready, "publication:delay-end", delay_id=delay.pk)).status_code == 302
    delay.refresh_from_db()
    assert delay.review_on == dt.date(2026, 4, 8)
    assert delay.ended_on == dt.date(2026, 3, 2)
    assert client.get(url(ready, "publication:delay-end", delay_id=delay.pk)).status_code == 404


def test_publishing_through_the_page(planned, ready, client_as, frozen_today) -> None:
    frozen_today.move_to(at(PLANNED))
    client = client_as("business_unit")
    page = client.get(url(ready)).content.decode()
    assert url(ready, "publication:publish") in page
    values = {"title": "Child R: a review", "summary": "What happened."}
    renamed = pdf_upload(name="report.pdf", content=PNG)
    response = client.post(url(ready, "publication:publish"), {**values, "uploaded_file": renamed})
    page = response.content.decode()
    assert "The selected file must be a PDF" in page
    assert "Child R: a review" in page  # what was typed is kept
    response = client.post(
        url(ready, "publication:publish"), {**values, "uploaded_file": pdf_upload()}
    )
    assert response.status_code == 302
    page = client.get(url(ready)).content.decode()
    assert "library@nspcc.org.uk" in page
    assert url(ready, "publication:deposit-sent") in page
    response = client.post(
        url(ready, "publication:deposit-sent"),
        {"sent_on_0": "16", "sent_on_1": "3", "sent_on_2": "2026"},
    )
    assert response.status_code == 302
    assert "Sent to the NSPCC national case review repository on 16 March 2026" in (
        client.get(url(ready)).content.decode()
    )


def test_not_publishing_through_the_page(planned, ready, client_as, frozen_today) -> None:
    frozen_today.move_to(at(PLANNED))
    client = client_as("business_unit")
    response = client.post(
        url(ready, "publication:not-publish"),
        {"reason": "", "improvements_title": "Child R", "improvements_summary": "Improve."},
    )
    assert "Say why the report is not being published" in response.content.decode()
    response = client.post(
        url(ready, "publication:not-publish"),
        {
            "reason": "It would identify a sibling.",
            "improvements_title": "Child R: improvements",
            "improvements_summary": "Improve.",
        },
    )
    assert response.status_code == 302
    assert PublishedReport.objects.get().is_improvements_information


def test_take_down_through_the_page_is_refused_early(published, client_as) -> None:
    client = client_as("business_unit")
    page = client.get(url(published.review, "publication:take-down")).content.decode()
    assert "until at least Tuesday 16 March 2027" in page
    response = client.post(url(published.review, "publication:take-down"), {"reason": "Old."})
    assert "It can be taken down from that date" in response.content.decode()


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "agency_lead"])
def test_no_publication_url_answers_another_partnership(
    published, ready, bu, other_world, role
) -> None:
    """Every pattern of the app, with real ids (the kwargs the isolation test needs:
    ``recipient`` and ``delay_id``), is a 404 by GET and POST."""
    delay = PublicationDelay.objects.create(
        review=ready, reason="inquest", review_on=dt.date(2026, 4, 1), recorded_by=bu
    )
    ids = {"recipient": "panel", "delay_id": delay.pk}
    client = Client()
    client.force_login(other_world.person(role))
    answered = []
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("publication:"):
            continue
        extra = {k: ids[k] for k in pattern.pattern.regex.groupindex}
        address = url(ready, name, **extra)
        for method in (client.get, client.post):
            if method(address).status_code != 404:
                answered.append(f"{method.__name__} {address}")
    assert answered == []
