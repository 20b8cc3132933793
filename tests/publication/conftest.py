"""Fixtures for publication: the local CSPR of tests/fixtures/reviews.py, cleared for
publication, a plan for Monday 16 March 2026 with the three copies sent on 2 March, and PDFs.
Time is frozen to Monday 2 March 2026; tests move it with ``frozen_today.move_to``."""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from cspr.accounts.models import User
from cspr.publication.models import PublicationPlan, PublishedReport, Recipient
from cspr.publication.services import copy_record, plan_set, report_publish
from cspr.reviews.access import review_url
from cspr.reviews.models import Review
from tests.conftest import PartnershipWorld

PLANNED = dt.date(2026, 3, 16)
# PRE-PUBLICATION: 7 working days before Monday 16 March 2026 is Thursday 5 March 2026.
LATEST_FOR_COPIES = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


def at(day: dt.date) -> dt.datetime:
    """10:00 in London on ``day`` (for ``frozen_today.move_to``)."""
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)


def url(review: Review, name: str = "publication:detail", **kwargs: object) -> str:
    return review_url(review, name, **kwargs)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, content_type="application/pdf"
    )


@pytest.fixture
def bu(world: PartnershipWorld) -> User:
    return world.person("business_unit")


@pytest.fixture
def ready(cspr: Review) -> Review:
    """The review once the anonymisation check (another part of CSPR) has cleared it."""
    Review.objects.filter(pk=cspr.pk).update(state="ready_to_publish")
    cspr.refresh_from_db()
    return cspr


def send_copies(review: Review, by: User, on: dt.date = dt.date(2026, 3, 2)) -> None:
    for recipient in Recipient.values:
        copy_record(review=review, by=by, recipient=recipient, sent_on=on)


@pytest.fixture
def planned(ready: Review, bu: User) -> PublicationPlan:
    """Planned for Monday 16 March 2026, with the three copies sent on 2 March (in time)."""
    plan = plan_set(review=ready, by=bu, planned_on=PLANNED)
    send_copies(ready, bu)
    return plan


@pytest.fixture
def on_the_day(planned: PublicationPlan, frozen_today: Any) -> PublicationPlan:
    """The plan, on its planned publication date."""
    frozen_today.move_to(at(PLANNED))
    return planned


def publish_values(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Child R: a local child safeguarding practice review",
        "summary": "An infant was seriously injured. Agencies did not share what they knew.",
        "uploaded_file": pdf_upload(),
        **overrides,
    }


@pytest.fixture
def published(
    planned: PublicationPlan, ready: Review, bu: User, frozen_today: Any
) -> PublishedReport:
    """The report, published on its planned date, 16 March 2026."""
    frozen_today.move_to(at(PLANNED))
    return report_publish(review=ready, by=bu, **publish_values())


def public(report: PublishedReport, name: str = "published:report") -> str:
    """The public page (or ``published:partnership``/``published:download``)."""
    kwargs: dict[str, object] = {"partnership_slug": "northshire-test"}
    if name != "published:partnership":
        kwargs["report_id"] = report.pk
    return reverse(name, kwargs=kwargs)
