"""A partnership's own published review enters the library when it is published, and leaves
it when the report is taken down (issue 6, the learning library; PUBLISH-LOCAL)."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.learning.models import LearningItem, Origin
from cspr.learning.search import search
from cspr.publication.models import PublishedReport
from cspr.publication.services import report_take_down
from tests.conftest import PartnershipWorld
from tests.fixtures.library import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(published_review: PublishedReport) -> PublishedReport:
    return published_review


def test_publishing_the_report_puts_it_in_the_public_library(
    published: PublishedReport, world: PartnershipWorld
) -> None:
    item = LearningItem.objects.get(published_report=published)
    assert item.is_public
    assert item.origin == Origin.PUBLISHED
    assert item.partnership == world.partnership
    assert item.source == world.partnership.name
    assert (item.title, item.year, item.review_type) == (published.title, 2026, "cspr")
    assert item.summary == published.summary
    assert AuditEvent.objects.filter(verb="learning_item.added", object_id=str(item.pk)).exists()


def test_the_report_s_text_is_read_after_publication(
    cspr: Any, world: PartnershipWorld, frozen_today: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = publish(cspr, world, frozen_today)
    item = LearningItem.objects.get(published_report=report)
    assert "did not share information about the bruising" in item.text
    assert [r.item for r in search("bruising").results] == [item]
    assert AuditEvent.objects.filter(verb="learning_item.text_read").exists()


def test_the_public_item_page_links_to_the_published_report(
    client: Any, published: PublishedReport
) -> None:
    item = LearningItem.objects.get(published_report=published)
    page = client.get(reverse("library:item", kwargs={"item_id": item.pk}))
    assert page.status_code == 200
    report_page = reverse(
        "published:report",
        kwargs={"partnership_slug": "northshire-test", "report_id": published.pk},
    )
    assert report_page in page.content.decode()


def test_taking_the_report_down_takes_it_out_of_the_library(
    published: PublishedReport, world: PartnershipWorld, frozen_today: Any, client: Any
) -> None:
    frozen_today.move_to(dt.datetime(2027, 3, 17, 10, 0, tzinfo=dt.UTC))  # PUBLISH-LOCAL
    report_take_down(published=published, by=world.person("business_unit"), reason="A year on.")
    item = LearningItem.objects.get(published_report=published)
    assert not item.is_public
    assert item.withdrawn_at is not None
    assert item not in [r.item for r in search("").results]
    assert client.get(reverse("library:item", kwargs={"item_id": item.pk})).status_code == 404
    assert AuditEvent.objects.filter(verb="learning_item.withdrawn").exists()


def test_an_unpublished_review_is_never_in_the_library(cspr: Any, client: Any) -> None:
    """A review under way has nothing in the library, and its case never appears."""
    assert not LearningItem.objects.exists()
    page = client.get(reverse("library:search"))
    assert cspr.case.reference not in page.content.decode()


def test_the_information_about_improvements_enters_the_library_in_place_of_a_report(
    cspr: Any, world: PartnershipWorld, frozen_today: Any
) -> None:
    from cspr.publication.models import Recipient  # noqa: PLC0415
    from cspr.publication.services import copy_record, plan_set, report_not_published  # noqa: PLC0415
    from cspr.reviews.models import Review  # noqa: PLC0415

    bu = world.person("business_unit")
    Review.objects.filter(pk=cspr.pk).update(state="ready_to_publish")
    cspr.refresh_from_db()
    plan_set(review=cspr, by=bu, planned_on=dt.date(2026, 3, 16))
    for recipient in Recipient.values:
        copy_record(review=cspr, by=bu, recipient=recipient, sent_on=dt.date(2026, 3, 2))
    frozen_today.move_to(dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC))
    published = report_not_published(
        review=cspr,
        by=bu,
        reason="The family asked for it not to be published.",
        improvements_title="Improvements after a review in Northshire",
        improvements_summary="Health visitors will refer every bruise on a baby.",
    )
    item = LearningItem.objects.get(published_report=published)
    assert item.is_public
    assert item.title == "Improvements after a review in Northshire"
    assert [r.item for r in search("bruise").results] == [item]
