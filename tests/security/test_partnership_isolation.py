"""A person of one partnership can never see anything of another: every URL pattern under
``/p/<slug>/`` is requested, with real ids of partnership A's records, by every person of
partnership B, by GET and by POST. Nothing may answer but 404 (or 405 where a page takes only
one method). New URL patterns are picked up by the walk; one it cannot fill fails the test."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from cspr.briefings.models import LearningProduct
from cspr.cases.processes import parallel_process_add
from cspr.chronology.models import ChronologyEntry
from cspr.clock.models import ExtraBankHoliday
from cspr.disputes.services import dispute_raise
from cspr.learning.models import Theme
from cspr.publication.models import PublicationDelay
from cspr.rapid_reviews.models import Citation, KeyContact
from cspr.reviews.models import Commission
from cspr.reviews.services import participant_add, reviewer_request_add, terms_draft
from tests.actions.records import action_url_ids
from tests.conftest import PartnershipWorld
from tests.core.test_every_url_is_guarded import walk
from tests.documents.records import document_url_ids
from tests.fixtures.library import library_url_ids


@pytest.fixture
def ids(world, commission, frozen_today) -> dict[str, Any]:
    """Real ids of partnership A's records, by URL keyword."""
    return url_ids(world, commission)


def url_ids(world: PartnershipWorld, commission: Commission) -> dict[str, Any]:
    """Real ids of a partnership's records, by URL keyword: a case under review, with its
    decided Rapid Review, a commissioned reviewer, terms, a participant and a request. A new
    URL keyword gets its value here (every test that walks the URLs uses this map)."""
    bu = world.person("business_unit")
    review = commission.review
    invitation = review.case.rapid_review.invitations.first()
    terms = terms_draft(
        review=review,
        by=bu,
        scope_from=dt.date(2025, 1, 1),
        scope_to=dt.date(2026, 2, 1),
        lines_of_enquiry="x",
        agencies=[],
    )
    participant = participant_add(
        review=review,
        by=bu,
        values={
            "kind": "family",
            "name": "x",
            "role": "y",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "invited",
            "how_views_gathered": "",
        },
    )
    process = parallel_process_add(
        case=review.case,
        by=bu,
        values={"kind": "inquest", "status": "expected", "contact_agency": None, "notes": ""},
    )
    request = reviewer_request_add(review=review, by=bu, what="x", due_on=dt.date(2026, 4, 1))
    contact = KeyContact.objects.create(
        scoping_return=invitation.scoping_return,
        contact_date=dt.date(2026, 1, 5),
        who="x",
        what="y",
    )
    dispute = dispute_raise(case=review.case, by=bu, agency=None, subject="other", summary="s")
    holiday, _ = ExtraBankHoliday.objects.get_or_create(  # not a partnership's: one for all
        day=dt.date(2027, 6, 3), defaults={"name": "x", "added_by": bu}
    )
    return {
        "partnership_slug": world.partnership.slug,
        "reference": review.case.reference,
        "invitation_id": invitation.pk,
        "contact_id": contact.pk,
        "dispute_id": dispute.pk,
        "agency_id": world.partnership.agencies.first().pk,
        "membership_id": world.person("reviewer").memberships.get().pk,
        "rule_id": "SCOPING-RETURN",
        "fmt": "docx",
        "holiday_id": holiday.pk,
        "commission_id": commission.pk,
        "number": terms.number,
        "participant_id": participant.pk,
        "request_id": request.pk,
        "process_id": process.pk,
        "entry_id": ChronologyEntry.objects.create(
            review=review,
            agency=invitation.agency,
            occurred_on=dt.date(2026, 1, 5),
            source="x",
            people_involved="x",
            what_happened="y",
            added_by=bu,
        ).pk,
        **document_url_ids(review, bu),
        **action_url_ids(review, world),
        **library_url_ids(world),
        "recipient": "panel",
        "theme_id": Theme.objects.order_by("pk").first().pk,  # one vocabulary for everyone
        "citation_id": Citation.objects.create(
            rapid_review=review.case.rapid_review, label="x", cited_by=bu
        ).pk,
        "delay_id": PublicationDelay.objects.create(
            review=review, reason="inquest", review_on=dt.date(2026, 4, 1), recorded_by=bu
        ).pk,
        "kind": LearningProduct.objects.create(
            review=review,
            kind="learning_on_a_page",
            slug=f"{world.partnership.slug}-isolation-learning-on-a-page",
            title="x",
            drafted_by=bu,
            last_edited_by=bu,
        ).kind_slug,
    }


PARTNERSHIP_NAMESPACES = (
    "cases:",
    "rapid_reviews:",
    "reviews:",
    "chronology:",
    "documents:",
    "publication:",
    "briefings:",
    "learning:",
    "recurring:",
    "disputes:",
    "actions:",
    "audit:",
    "backups:",
    "partnerships:",
    "clock:setting",
)


# Namespaces included under p/<slug>/cases/<reference>/review/...: the reference is in the
# include's prefix, not in each pattern.
INCLUDED_UNDER_A_CASE = ("chronology:", "documents:", "publication:", "briefings:")


def partnership_urls(ids: dict[str, Any]) -> list[str]:
    urls = []
    for name, pattern in walk(get_resolver().url_patterns):
        route = str(pattern.pattern)
        if name.startswith(PARTNERSHIP_NAMESPACES):
            keywords = set(pattern.pattern.regex.groupindex) | {"partnership_slug"}
            if name.startswith(INCLUDED_UNDER_A_CASE):
                keywords.add("reference")
            missing = keywords - set(ids)
            assert not missing, f"{name} ({route}) needs ids for {missing}"
            urls.append(reverse(name, kwargs={k: ids[k] for k in keywords}))
    return urls


def test_the_walk_covers_the_case_pages(ids) -> None:
    urls = partnership_urls(ids)
    assert any("/rapid-review/returns/" in u for u in urls)
    assert any("/disputes/" in u for u in urls)
    assert len(urls) > 90
    for namespace in (
        "/review/chronology/",
        "/review/documents/",
        "/review/publication/",
        "/review/learning/",
        "/rapid-review/",
        "/disputes/",
        "/action-plan/",
        "/audit/",
        "/retention/",
    ):
        assert any(namespace in u for u in urls), namespace


@pytest.mark.parametrize(
    "role",
    [
        "business_unit",
        "safeguarding_partner",
        "agency_lead",
        "administrator",
        "independent_scrutineer",
        "reviewer",
    ],
)
def test_nobody_of_another_partnership_gets_anything(ids, other_world, role: str) -> None:
    client = Client()
    client.force_login(other_world.person(role))
    leaks = []
    for url in partnership_urls(ids):
        for method in (client.get, client.post):
            status = method(url).status_code
            if status not in {404, 405}:
                leaks.append(f"{method.__name__.upper()} {url} answered {status}")
    assert leaks == []
