"""Recurring themes (CRIT-LOCAL (b)): counts of reviews by theme and year, locally and across the
library, drawn as an SVG chart with the same numbers in a table beside it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cspr.actions.models import ActionPlan, Recommendation
from cspr.cases.models import Case
from cspr.cases.themes import case_themes_confirm
from cspr.learning.charts import theme_year_heatmap
from cspr.learning.models import ItemTheme, LearningItem, Origin, Theme
from cspr.learning.recurring import (
    library_theme_counts,
    local_theme_counts,
    recent_years,
    recommendation_theme_counts,
)
from cspr.rapid_reviews.models import RapidReview

pytestmark = pytest.mark.django_db

YEARS = [2021, 2022, 2023, 2024, 2025, 2026]


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def library_item(title: str, year: int, slugs: list[str], *, public: bool = True) -> LearningItem:
    item = LearningItem.objects.create(
        title=title,
        source_name="Elsewhere Safeguarding Partnership",
        year=year,
        review_type="cspr",
        summary=f"Summary of {title}.",
        origin=Origin.IMPORTED,
        is_public=public,
        made_public_at=timezone.now() if public else None,
        fingerprint=title,
    )
    ItemTheme.objects.bulk_create(
        ItemTheme(item=item, theme=theme(s), confirmed_at=timezone.now(), confirmed_via="import")
        for s in slugs
    )
    return item


def reviewed_case(make_case, world, started: dt.date, slugs: list[str]) -> Case:
    bu = world.person("business_unit")
    case = make_case()
    RapidReview.objects.create(case=case, started_by=bu, started_on=started)
    case_themes_confirm(case=case, themes=[theme(s) for s in slugs], by=bu)
    return case


def row(counts, slug):
    return next(r for r in counts.rows if r.theme.slug == slug)


def test_recent_years_end_with_this_year() -> None:
    assert recent_years(dt.date(2026, 3, 2)) == YEARS


def test_local_counts_by_theme_and_the_year_the_rapid_review_started(
    make_case, world, other_world
) -> None:
    reviewed_case(make_case, world, dt.date(2024, 5, 1), ["neglect", "domestic-abuse"])
    reviewed_case(make_case, world, dt.date(2025, 6, 1), ["neglect"])
    reviewed_case(make_case, world, dt.date(2025, 7, 1), ["neglect"])
    make_case()  # no Rapid Review: not counted
    counts = local_theme_counts(world.partnership, years=YEARS)
    assert row(counts, "neglect").counts == [0, 0, 0, 1, 2, 0]
    assert row(counts, "domestic-abuse").counts == [0, 0, 0, 1, 0, 0]
    assert counts.rows[0].theme.slug == "neglect"  # the most frequent first
    assert counts.year_totals == [0, 0, 0, 2, 2, 0]
    assert local_theme_counts(other_world.partnership, years=YEARS).rows == []


def test_library_counts_only_public_items_and_confirmed_themes() -> None:
    library_item("A", 2023, ["neglect"])
    library_item("B", 2023, ["neglect", "infant"])
    library_item("Hidden", 2023, ["neglect"], public=False)
    item = library_item("C", 2024, [])
    ItemTheme.objects.create(item=item, theme=theme("neglect"))  # suggested, not confirmed
    counts = library_theme_counts(years=YEARS)
    assert row(counts, "neglect").counts == [0, 0, 2, 0, 0, 0]
    assert row(counts, "infant").counts == [0, 0, 1, 0, 0, 0]


def test_recommendations_that_recur(make_case, world) -> None:
    bu = world.person("business_unit")
    for number in range(2):
        plan = ActionPlan.objects.create(case=make_case(), started_by=bu)
        recommendation = Recommendation.objects.create(
            plan=plan, number=1, text=f"Share information {number}.", created_by=bu
        )
        recommendation.themes.add(theme("information-sharing"))
    counts = recommendation_theme_counts(world.partnership, years=YEARS)
    assert row(counts, "information-sharing").total == 2


def test_the_chart_is_an_image_with_a_title_and_every_number() -> None:
    library_item("A", 2023, ["neglect"])
    library_item("B <script>", 2024, ["neglect"])
    svg = str(theme_year_heatmap(library_theme_counts(years=YEARS), chart_id="library"))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="library-title library-desc"' in svg
    assert '<title id="library-title">Reviews in the learning library' in svg
    assert ">Neglect</text>" in svg
    assert svg.count(">1</text>") == 2
    assert "<script" not in svg


def test_the_partnership_page_has_chart_and_table_and_constant_queries(
    make_case, world, client_as
) -> None:
    url = reverse("recurring:partnership", kwargs={"partnership_slug": world.partnership.slug})
    client = client_as("business_unit")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        themes_read = [q for q in captured if 'FROM "learning_theme"' in q["sql"]]
        assert len(themes_read) == 1, "the vocabulary is read once for the three tables"
        return len(captured)

    reviewed_case(make_case, world, dt.date(2025, 6, 1), ["neglect"])
    library_item("A", 2025, ["neglect"])
    few = queries()
    for n in range(5):
        reviewed_case(make_case, world, dt.date(2024, 6, 1), ["infant", "neglect"])
        library_item(f"More {n}", 2024, ["infant"])
    assert queries() == few
    html = client.get(url).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="cspr-chart"') == 2
    assert "None in the years 2021 to 2026 have confirmed themes yet." in html  # no recommendations
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s" id="local-caption">' in html
    )


@pytest.mark.parametrize("role", ["agency_lead", "reviewer", "administrator"])
def test_only_the_business_unit_and_partners_see_the_local_page(role, world, client_as) -> None:
    url = reverse("recurring:partnership", kwargs={"partnership_slug": world.partnership.slug})
    assert client_as(role).get(url).status_code == 403
    assert client_as("safeguarding_partner").get(url).status_code == 200


def test_the_public_page_needs_no_sign_in(client) -> None:
    library_item("A", 2025, ["neglect"])
    html = client.get(reverse("recurring_public:library")).content.decode()
    assert "Recurring themes in the learning library" in html
    assert "Neglect" in html
