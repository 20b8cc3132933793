"""One review from the partners' decision to the public page, through the services of every
app on the way: the report is checked, made final, scanned for names, cleared, copied to the
Panel, the Secretary of State and Ofsted, and published (CSPR-COMPLETE, PRE-PUBLICATION,
PUBLISH-LOCAL)."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from cspr.documents.services.anonymisation import (
    anonymisation_scan,
    hit_clear,
    review_clear_for_publication,
)
from cspr.publication.services.planning import copy_record, plan_set
from cspr.publication.services.publishing import report_publish
from cspr.reviews.services import (
    participant_add,
    review_mark_final,
    terms_approve,
    terms_draft,
)
from cspr.reviews.workflow import ReviewState
from tests.documents.records import complete_final_report
from tests.fixtures.cases import CHILD_NAME
from tests.publication.conftest import pdf_upload


def test_a_review_reaches_the_public_page(cspr, world, partners, frozen_today) -> None:
    bu = world.person("business_unit")
    terms = terms_draft(
        review=cspr,
        by=bu,
        scope_from=dt.date(2025, 9, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation.",
        agencies=[],
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    participant_add(
        review=cspr,
        by=bu,
        values={
            "kind": "family",
            "name": "A parent",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "contributed",
            "how_views_gathered": "A home visit.",
        },
    )
    complete_final_report(cspr, bu)
    review = review_mark_final(review=cspr, by=bu)
    assert review.state == ReviewState.REPORT_FINAL

    scan = anonymisation_scan(review=review, by=bu)
    for hit in scan.hits.all():
        hit_clear(hit=hit, by=bu, note="Checked.")
    review = review_clear_for_publication(review=review, by=bu)
    assert review.state == ReviewState.READY_TO_PUBLISH

    plan_set(review=review, by=bu, planned_on=dt.date(2026, 3, 16))
    frozen_today.move_to(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC))  # PRE-PUBLICATION's day
    for recipient in ("panel", "secretary_of_state", "ofsted"):
        copy_record(review=review, by=bu, recipient=recipient, sent_on=dt.date(2026, 3, 4))
    frozen_today.move_to(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC))
    published = report_publish(
        review=review,
        by=bu,
        title="Child R: a local review",
        summary="What the partnership learnt.",
        uploaded_file=pdf_upload(),
    )
    assert published.earliest_takedown_on == dt.date(2027, 3, 16)  # PUBLISH-LOCAL

    page = Client().get(
        reverse("published:partnership", kwargs={"partnership_slug": world.partnership.slug})
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Child R: a local review" in html
    assert CHILD_NAME not in html
    assert review.case.reference not in html
