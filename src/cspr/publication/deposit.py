"""The deposit for the national case review repository (SOURCES.md §2 R-NSPCC-DEPOSIT, §6.2):
the published report, its catalogue details and a covering e-mail the business unit sends with
the report attached. Nothing here names the case: the report's own title, never its reference."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.publication.models import PublishedReport
from cspr.reviews.models import Review, ReviewKind

REPOSITORY_NAME = "NSPCC national case review repository"
REPOSITORY_ADDRESS = "library@nspcc.org.uk"


def public_link(published: PublishedReport, review: Review) -> str:
    return settings.CSPR_BASE_URL + reverse(
        "published:report",
        kwargs={"partnership_slug": review.case.partnership.slug, "report_id": published.pk},
    )


def metadata(published: PublishedReport, review: Review) -> dict[str, Any]:
    """The catalogue details the repository records (year, partnership, title, type)."""
    return {
        "partnership": review.case.partnership.name,
        "title": published.title,
        "year": published.published_on.year,
        "review_type": ReviewKind(review.kind).label,
        "publication_date": published.published_on.isoformat(),
        "available_until_at_least": published.earliest_takedown_on.isoformat(),
        "public_page": public_link(published, review),
        "file": "report.pdf",
    }


def covering_email(published: PublishedReport, review: Review, details: dict[str, Any]) -> str:
    return render_to_string(
        "publication/email/deposit.txt",
        {
            "repository": REPOSITORY_NAME,
            "address": REPOSITORY_ADDRESS,
            "partnership": review.case.partnership,
            "published": published,
            "details": details,
        },
    )
