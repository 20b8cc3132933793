"""The public pages of published reports: anyone may see them, signed in or not; they show the
report's title and summary, nothing of the case; a report taken down is gone (PUBLISH-LOCAL)."""

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.publication.models import PublishedReport
from cspr.publication.services import report_not_published, report_take_down
from cspr.reviews.models import Review
from tests.fixtures.cases import CHILD_NAME
from tests.publication.conftest import PLANNED, at, pdf_bytes, public


def test_the_public_pages_need_no_sign_in_and_show_nothing_of_the_case(published) -> None:
    anyone = Client()
    case = published.review.case
    listing = anyone.get(public(published, "published:partnership"))
    report = anyone.get(public(published))
    for response in (listing, report):
        assert response.status_code == 200
        page = response.content.decode()
        assert "Child R: a local child safeguarding practice review" in page
        assert case.reference not in page
        assert CHILD_NAME not in page
        assert case.pseudonym not in page
    assert "16 March 2027" in listing.content.decode()  # available until at least
    assert "Local child safeguarding practice review" in listing.content.decode()
    assert "Agencies did not share what they knew." in report.content.decode()


def test_the_download_is_an_attachment(published) -> None:
    response = Client().get(public(published, "published:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="child-r-a-local-child-safeguarding-practice-review.pdf"'
    )
    assert response.content == pdf_bytes()


def test_a_report_taken_down_is_gone_from_the_public_pages(published, bu, frozen_today) -> None:
    frozen_today.move_to(at(dt.date(2027, 3, 16)))
    report_take_down(published=published, by=bu, reason="Superseded.")
    anyone = Client()
    assert anyone.get(public(published, "published:download")).status_code == 404
    assert anyone.get(public(published)).status_code == 404
    listing = anyone.get(public(published, "published:partnership")).content.decode()
    assert published.title not in listing


def test_improvements_information_without_a_file_has_no_download(
    planned, ready, bu, frozen_today
) -> None:
    frozen_today.move_to(at(PLANNED))
    info = report_not_published(
        review=ready,
        by=bu,
        reason="It would identify a sibling.",
        improvements_title="Child R: improvements",
        improvements_summary="Improve.",
    )
    anyone = Client()
    page = anyone.get(public(info)).content.decode()
    assert "information about improvements" in page
    assert anyone.get(public(info, "published:download")).status_code == 404


def test_public_pages_of_an_unknown_partnership_or_report_are_404(published, other_world) -> None:
    anyone = Client()
    assert anyone.get("/published/nowhere/").status_code == 404
    other = reverse(
        "published:report",
        kwargs={"partnership_slug": other_world.partnership.slug, "report_id": published.pk},
    )
    assert anyone.get(other).status_code == 404


def more_reports(count: int, make_case, bu) -> None:
    for n in range(count):
        review = Review.objects.create(
            case=make_case(),
            kind="local_learning_review",
            decided_on=dt.date(2026, 1, 5),
            opened_by=bu,
            methodology="systems",
            state="published",
        )
        PublishedReport.objects.create(
            review=review,
            title=f"Learning review {n}",
            summary="What we learnt.",
            file="published/x.pdf",
            published_on=PLANNED,
            published_by=bu,
            earliest_takedown_on=dt.date(2027, 3, 16),
            takedown_rule="PUBLISH-LOCAL",
        )


def test_the_public_list_costs_the_same_queries_with_more_reports(
    published, make_case, bu, django_assert_max_num_queries
) -> None:
    anyone = Client()
    listing = public(published, "published:partnership")
    with CaptureQueriesContext(connection) as one:
        anyone.get(listing)
    more_reports(2, make_case, bu)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = anyone.get(listing).content.decode()
    assert "Learning review 1" in page


def test_the_public_list_shows_25_reports_a_page(published, make_case, bu) -> None:
    more_reports(25, make_case, bu)
    anyone = Client()
    listing = public(published, "published:partnership")
    first = anyone.get(listing).content.decode()
    assert first.count('class="govuk-table__row"') == 1 + 25  # the heading's row and 25
    assert 'aria-label="Pages"' in first
    second = anyone.get(listing, {"page": 2}).content.decode()
    assert second.count('class="govuk-table__row"') == 1 + 1
    assert anyone.get(listing, {"page": "nonsense"}).status_code == 200
