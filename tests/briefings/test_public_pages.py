"""The public pages, /learning/briefings/: anyone may see a published product, with a heading
for each section and its PDF; nothing that is not published (or whose review's report was taken
down) is there; no case reference, no name; the list costs the same queries however long."""

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.briefings import sections, services
from cspr.briefings.models import LearningProduct, ProductKind
from cspr.briefings.workflow import ProductState
from cspr.publication.services import report_take_down
from cspr.reviews.models import Review
from tests.briefings.conftest import LOAP, fill, pdf_text, words
from tests.fixtures.cases import CHILD_NAME

LIST = reverse("public_briefings:list")


def page(product: LearningProduct, name: str = "public_briefings:detail") -> str:
    return reverse(name, kwargs={"slug": product.slug})


def test_a_published_product_is_public_with_a_heading_for_each_section(public_seven) -> None:
    anyone = Client()
    response = anyone.get(page(public_seven))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{public_seven.title}</h1>' in html
    for section in sections.SECTIONS[ProductKind.SEVEN_MINUTE_BRIEFING]:
        assert f">{sections.section_title(section)}</h2>" in html
    assert "What to do differently</h3>" in html
    assert "Babies who are not yet mobile should not have bruises." in html
    assert '<ol class="govuk-list govuk-list--number">' in html  # questions for reflection
    assert '<a class="govuk-link cspr-break-words" href="https://procedures.example/bruising">' in (
        html
    )
    assert page(public_seven, "public_briefings:pdf") in html
    case = public_seven.review.case
    assert case.reference not in html
    for part in CHILD_NAME.split():
        assert part not in html


def test_the_list_shows_what_is_published(public_loap, public_seven) -> None:
    html = Client().get(LIST).content.decode()
    assert "2 published, newest first" in html
    assert public_loap.title in html
    assert public_seven.title in html
    assert "Northshire Test SCP" in html
    assert public_loap.review.case.reference not in html
    # Each says where to find the other.
    assert public_seven.title in Client().get(page(public_loap)).content.decode()


def test_the_pdf_is_the_one_published(public_loap) -> None:
    response = Client().get(page(public_loap, "public_briefings:pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{public_loap.slug}.pdf"'
    public_loap.pdf.open("rb")
    assert response.content == public_loap.pdf.read()
    pages, content = pdf_text(response.content)
    assert pages == 1
    assert "Published 16 March 2026" in words(content)


def test_only_published_products_are_public(loap, seven, bu, partner) -> None:
    approved = services.product_approve(product=seven, by=partner)
    anyone = Client()
    for product in (loap, approved):
        assert anyone.get(page(product)).status_code == 404
        assert anyone.get(page(product, "public_briefings:pdf")).status_code == 404
    assert "0 published" in anyone.get(LIST).content.decode()


def test_a_withdrawn_product_is_gone(public_loap, bu) -> None:
    services.product_withdraw(product=public_loap, by=bu, reason="A correction.")
    assert Client().get(page(public_loap)).status_code == 404
    assert Client().get(page(public_loap, "public_briefings:pdf")).status_code == 404


def test_a_product_goes_when_its_report_is_taken_down(public_loap, report, bu, frozen_today):
    frozen_today.move_to(dt.datetime(2027, 3, 17, 10, tzinfo=dt.UTC))
    report_take_down(published=report, by=bu, reason="The year has passed.")
    assert Client().get(page(public_loap)).status_code == 404
    assert public_loap.title not in Client().get(LIST).content.decode()


def test_the_pages_need_no_sign_in_and_say_so_to_search_engines(public_loap) -> None:
    for url in (LIST, page(public_loap)):
        html = Client().get(url).content.decode()
        assert '<meta name="robots" content="index, follow">' in html


def published_products(make_case, world, count: int) -> None:
    """``count`` more published Learning on a Page, each of its own review (straight to the
    tables: the services are tested elsewhere)."""
    bu = world.person("business_unit")
    first = LearningProduct.objects.count()
    for n in range(first, first + count):
        case = make_case(incident_date=dt.date(2026, 2, 1), la_aware_date=dt.date(2026, 2, 2))
        review = Review.objects.create(
            case=case,
            kind="local_cspr",
            state="published",
            decided_on=dt.date(2026, 2, 10),
            opened_by=bu,
            methodology="systems",
        )
        LearningProduct.objects.create(
            review=review,
            kind=LOAP,
            state=ProductState.PUBLISHED,
            slug=f"northshire-test-n{n}-learning-on-a-page",
            title=f"Child {n}: Learning on a Page",
            drafted_by=bu,
            last_edited_by=bu,
            approved_by=bu,
            approved_on=dt.date(2026, 3, 1),
            published_by=bu,
            published_on=dt.date(2026, 3, 2),
            pdf="learning/x.pdf",
        )


def test_the_list_costs_the_same_queries_with_twice_the_rows(make_case, world) -> None:
    anyone = Client()
    published_products(make_case, world, 4)
    with CaptureQueriesContext(connection) as few:
        assert "4 published" in anyone.get(LIST).content.decode()
    published_products(make_case, world, 4)
    with CaptureQueriesContext(connection) as many:
        assert "8 published" in anyone.get(LIST).content.decode()
    assert len(many) == len(few)


def test_unpublished_text_is_not_public_even_by_its_address(final, bu) -> None:
    product = fill(services.product_draft(review=final, kind=LOAP, by=bu), bu)
    assert Client().get(page(product)).status_code == 404
