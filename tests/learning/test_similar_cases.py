"""Reading a new case against the old ones (CRIT-LOCAL (a) and (b)): the Rapid Review page lists
the library items and earlier local cases most like the case, by shared themes and words, and
the business unit cites them as evidence in the rationale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cspr.audit.models import AuditEvent
from cspr.cases.models import Case
from cspr.cases.themes import case_themes_confirm
from cspr.core.errors import DomainError
from cspr.learning.models import ItemTheme, LearningItem, Origin, Theme
from cspr.learning.similar import cosine, keywords, similar_to_case, words
from cspr.rapid_reviews.models import Citation
from cspr.rapid_reviews.services.citations import citation_add

SLEEP = (
    "A baby of three months died after co-sleeping on a sofa with a parent who had been "
    "drinking alcohol. Safer sleep advice was given at birth but not repeated."
)


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def library_item(title: str, summary: str, slugs: list[str], *, public: bool = True, **extra):
    item = LearningItem.objects.create(
        title=title,
        source_name=extra.pop("source_name", "Elsewhere Safeguarding Partnership"),
        year=extra.pop("year", 2024),
        review_type="cspr",
        summary=summary,
        key_learning=extra.pop("key_learning", f"Key learning of {title}."),
        origin=Origin.IMPORTED,
        is_public=public,
        made_public_at=timezone.now() if public else None,
        fingerprint=title,
    )
    ItemTheme.objects.bulk_create(
        ItemTheme(item=item, theme=theme(slug), confirmed_at=timezone.now(), confirmed_via="import")
        for slug in slugs
    )
    return item


@pytest.fixture
def sleep_case(review, world):
    case = review.case
    Case.objects.filter(pk=case.pk).update(case_outline=SLEEP)
    case.refresh_from_db()
    case_themes_confirm(
        case=case,
        themes=[theme("sudi-unsafe-sleep"), theme("infant")],
        by=world.person("business_unit"),
    )
    return case


def detail_url(case) -> str:
    return reverse(
        "rapid_reviews:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


def cite_url(case) -> str:
    return reverse(
        "rapid_reviews:cite",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


def test_keywords_leave_out_common_words() -> None:
    found = keywords(SLEEP)
    assert "co-sleeping" in found
    assert "the" not in found
    assert "after" not in found


def test_cosine_of_a_text_with_itself_is_one() -> None:
    assert cosine(words(SLEEP), words(SLEEP)) == pytest.approx(1.0)
    assert cosine(words(SLEEP), words("School attendance fell.")) == 0.0


def test_the_most_similar_library_item_comes_first(sleep_case) -> None:
    sofa = library_item(
        "Child S: unsafe sleep on a sofa",
        "An infant died co-sleeping on a sofa after parental alcohol use.",
        ["sudi-unsafe-sleep", "infant"],
    )
    partly = library_item(
        "Baby T: a fracture", "A baby was found with a fracture.", ["infant", "physical-abuse"]
    )
    library_item("Young person U", "School attendance fell sharply.", ["not-in-school"])
    library_item("Hidden", "Unsafe sleep co-sleeping sofa.", ["sudi-unsafe-sleep"], public=False)
    found = similar_to_case(sleep_case)
    assert [s.item for s in found.items][:2] == [sofa, partly]
    assert [t.slug for t in found.items[0].shared_themes] == ["sudi-unsafe-sleep", "infant"]
    assert all(s.item.is_public for s in found.items)
    assert "Young person U" not in [s.item.title for s in found.items]


def test_earlier_cases_of_the_partnership_only(sleep_case, make_case, world, other_world) -> None:
    bu = world.person("business_unit")
    earlier = make_case(case_outline="A baby died after co-sleeping with a parent on a sofa.")
    case_themes_confirm(case=earlier, themes=[theme("sudi-unsafe-sleep")], by=bu)
    unrelated = make_case(case_outline="A teenager was stabbed near a park.")
    found = similar_to_case(sleep_case)
    cases = [s.case for s in found.cases]
    assert cases[0] == earlier
    assert unrelated not in cases
    assert sleep_case not in cases
    assert all(c.partnership_id == world.partnership.pk for c in cases)


def test_a_constant_number_of_queries(sleep_case, make_case, world) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            similar_to_case(sleep_case)
        return len(queries)

    bu = world.person("business_unit")
    for n in range(3):
        library_item(f"Sleep {n}", "Co-sleeping on a sofa.", ["sudi-unsafe-sleep", "infant"])
        case_themes_confirm(
            case=make_case(case_outline="Co-sleeping."), themes=[theme("infant")], by=bu
        )
    few = count()
    for n in range(3, 9):
        library_item(f"Sleep {n}", "Co-sleeping on a sofa.", ["sudi-unsafe-sleep", "infant"])
        case_themes_confirm(
            case=make_case(case_outline="Co-sleeping."), themes=[theme("infant")], by=bu
        )
    assert count() == few


def test_the_page_lists_them_and_the_business_unit_cites_one(sleep_case, client_as) -> None:
    sofa = library_item(
        "Child S: unsafe sleep on a sofa",
        "An infant died co-sleeping on a sofa after parental alcohol use.",
        ["sudi-unsafe-sleep", "infant"],
        key_learning="Repeat safer sleep advice when circumstances change.",
    )
    client = client_as("business_unit")
    html = client.get(detail_url(sleep_case)).content.decode()
    assert "Read this case against earlier ones" in html
    assert "Child S: unsafe sleep on a sofa" in html
    assert "Repeat safer sleep advice when circumstances change." in html
    assert "Cite in the rationale" in html
    response = client.post(cite_url(sleep_case), {"learning_item": sofa.pk})
    assert response.status_code == 302
    client.post(cite_url(sleep_case), {"learning_item": sofa.pk})  # twice: still one
    citation = Citation.objects.get(rapid_review__case=sleep_case)
    assert citation.label == "Child S: unsafe sleep on a sofa (2024)"
    assert AuditEvent.objects.filter(verb="rapid_review.evidence_cited").count() == 1
    html = client.get(detail_url(sleep_case)).content.decode()
    assert "Learning library: Child S: unsafe sleep on a sofa (2024)" in html


def test_a_partner_reads_the_panel_but_does_not_cite(sleep_case, client_as) -> None:
    sofa = library_item("Child S", "Co-sleeping on a sofa.", ["sudi-unsafe-sleep"])
    client = client_as("safeguarding_partner")
    html = client.get(detail_url(sleep_case)).content.decode()
    assert "Child S" in html
    assert "Cite in the rationale" not in html
    assert client.post(cite_url(sleep_case), {"learning_item": sofa.pk}).status_code == 403
    assert not Citation.objects.exists()


def test_another_partnerships_case_cannot_be_cited(sleep_case, client_as, other_world) -> None:
    other = Case.objects.create(
        partnership=other_world.partnership,
        reference="OTHER-1",
        pseudonym="Child Z",
        referred_by=other_world.person("business_unit"),
        incident_date=sleep_case.incident_date,
        la_aware_date=sleep_case.la_aware_date,
        incident_kind=sleep_case.incident_kind,
        abuse_or_neglect=sleep_case.abuse_or_neglect,
        location=sleep_case.location,
        police_investigation=sleep_case.police_investigation,
        case_outline="Co-sleeping.",
    )
    response = client_as("business_unit").post(cite_url(sleep_case), {"earlier_case": other.pk})
    assert response.status_code == 404
    with pytest.raises(DomainError, match="another case of this partnership"):
        citation_add(
            rapid_review=sleep_case.rapid_review,
            by=other_world.person("business_unit"),
            earlier_case=other,
        )


def test_an_unpublished_item_cannot_be_cited(sleep_case, world) -> None:
    hidden = library_item("Hidden", "Co-sleeping.", ["sudi-unsafe-sleep"], public=False)
    with pytest.raises(DomainError, match="published in the learning library"):
        citation_add(
            rapid_review=sleep_case.rapid_review,
            by=world.person("business_unit"),
            learning_item=hidden,
        )


def test_a_citation_is_removed_while_the_recommendation_is_open(sleep_case, client_as) -> None:
    sofa = library_item("Child S", "Co-sleeping on a sofa.", ["sudi-unsafe-sleep"])
    client = client_as("business_unit")
    client.post(cite_url(sleep_case), {"learning_item": sofa.pk})
    citation = Citation.objects.get()
    remove = reverse(
        "rapid_reviews:citation-remove",
        kwargs={
            "partnership_slug": sleep_case.partnership.slug,
            "reference": sleep_case.reference,
            "citation_id": citation.pk,
        },
    )
    assert client.post(remove).status_code == 302
    assert not Citation.objects.exists()
    assert AuditEvent.objects.filter(verb="rapid_review.evidence_uncited").count() == 1


def test_the_rapid_review_document_lists_the_evidence_cited(sleep_case, world) -> None:
    import io  # noqa: PLC0415

    from docx import Document  # noqa: PLC0415

    from cspr.rapid_reviews.documents import rapid_review_docx  # noqa: PLC0415

    sofa = library_item("Child S: unsafe sleep", "Co-sleeping on a sofa.", ["sudi-unsafe-sleep"])
    citation_add(
        rapid_review=sleep_case.rapid_review, by=world.person("business_unit"), learning_item=sofa
    )
    document = Document(io.BytesIO(rapid_review_docx(sleep_case.rapid_review)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Child S: unsafe sleep (2024)" in cells
