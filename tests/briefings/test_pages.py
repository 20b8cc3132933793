"""The business unit's pages under the review (p/<slug>/cases/<reference>/review/learning/):
who may see and do what (a matrix of role by page), drafting, editing with stale edits
refused and what was typed kept, approving with the problems listed first, publishing, the PDF,
and a view event for every page read."""

import pytest

from cspr.audit.models import AuditEvent
from cspr.briefings import services
from cspr.briefings.models import LearningProduct
from cspr.briefings.workflow import ProductState
from cspr.core.models import VersionedModel
from cspr.reviews.access import review_url
from tests.briefings.conftest import FULL_TEXT, LOAP, fill, pdf_text, url
from tests.fixtures.cases import CHILD_NAME

EVERYONE = (
    "business_unit",
    "safeguarding_partner",
    "agency_lead",
    "reviewer",
    "administrator",
    "independent_scrutineer",
)
READERS = {"business_unit", "safeguarding_partner", "reviewer"}  # the reviewer: commissioned
PAGES = {
    "briefings:list": READERS,
    "briefings:detail": READERS,
    "briefings:pdf": READERS,
    "briefings:deliveries": READERS,
    "briefings:draft": {"business_unit"},
    "briefings:edit": {"business_unit"},
    "briefings:approve": {"safeguarding_partner"},
    "briefings:publish": {"business_unit"},
    "briefings:withdraw": {"business_unit"},
    "briefings:reopen": {"business_unit"},
    "briefings:delivery-add": {"business_unit"},
}


@pytest.fixture
def product(loap, commission) -> LearningProduct:
    """The Learning on a Page, with the world's reviewer commissioned for the review."""
    return loap


def address(product: LearningProduct, name: str) -> str:
    if name == "briefings:list":
        return url(product.review)
    if name == "briefings:draft":  # the kind not drafted yet
        return review_url(product.review, name, kind="7-minute-briefing")
    return url(product, name)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_open_each_page(product, client_as, role) -> None:
    client = client_as(role)
    wrong = []
    for name, allowed in PAGES.items():
        status = client.get(address(product, name)).status_code
        if (role in allowed) != (status == 200):
            wrong.append(f"{name}: {status}")
        if role not in allowed and status not in {403, 404}:
            wrong.append(f"{name} answered {status} to {role}")
    assert wrong == []


@pytest.mark.parametrize("role", ["agency_lead", "reviewer", "administrator", "business_unit"])
def test_only_a_partner_approves_by_the_page(product, client_as, role) -> None:
    response = client_as(role).post(url(product, "briefings:approve"))
    assert response.status_code in {403, 404}
    product.refresh_from_db()
    assert product.state == ProductState.DRAFT


@pytest.mark.parametrize("role", ["safeguarding_partner", "reviewer", "agency_lead"])
def test_only_the_business_unit_edits_or_publishes(product, client_as, role) -> None:
    client = client_as(role)
    for name in ("briefings:edit", "briefings:publish", "briefings:reopen", "briefings:withdraw"):
        assert client.post(url(product, name), {"title": "x"}).status_code in {403, 404}
    product.refresh_from_db()
    assert product.version == product.__class__.objects.get(pk=product.pk).version
    assert product.title.endswith("Learning on a Page")


def test_the_review_page_links_to_its_learning_products(final, client_as) -> None:
    html = client_as("safeguarding_partner").get(review_url(final)).content.decode()
    assert f'href="{url(final)}"' in html


def test_drafting_by_the_page(final, client_as) -> None:
    client = client_as("business_unit")
    listing = client.get(url(final)).content.decode()
    draft_url = review_url(final, "briefings:draft", kind="learning-on-a-page")
    assert f'href="{draft_url}"' in listing
    confirm = client.get(draft_url)
    assert "CSPR writes a first draft" in confirm.content.decode()
    response = client.post(draft_url)
    product = LearningProduct.objects.get(review=final, kind=LOAP)
    assert response.status_code == 302
    assert response["Location"] == url(product)
    assert client.get(draft_url)["Location"] == url(product)  # drafted once
    html = client.get(url(product)).content.decode()
    assert "Drafted from the review&#x27;s record." in html
    assert "Before it can be approved:" in html
    assert "Write “What good practice looks like” or" in html
    for part in CHILD_NAME.split():
        assert part not in html


def test_the_edit_form_saves_and_shows_the_guide_lengths(product, client_as) -> None:
    client = client_as("business_unit")
    form = client.get(url(product, "briefings:edit")).content.decode()
    assert "About 150 words fit." in form
    assert "Why it matters" not in form  # not part of a Learning on a Page
    values = {
        "title": "Child A: what we learnt",
        **{name: FULL_TEXT[name] for name in services.editable_fields(product)[1:]},
        "version": product.version,
    }
    values["key_learning"] = "- Always refer bruising in a baby."
    response = client.post(url(product, "briefings:edit"), values)
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Child A: what we learnt"
    assert product.key_learning == "- Always refer bruising in a baby."
    event = AuditEvent.objects.filter(verb="learning_product.updated").order_by("-pk").first()
    assert event is not None
    assert event.data["fields"] == ["key_learning", "title"]


def test_a_stale_edit_is_refused_and_what_was_typed_is_kept(product, bu, client_as) -> None:
    client = client_as("business_unit")
    opened_at = product.version
    fill(product, bu, key_learning="- Someone else's change.")  # saved meanwhile
    values = {
        "title": product.title,
        **{name: FULL_TEXT[name] for name in services.editable_fields(product)[1:]},
        "version": opened_at,
    }
    values["key_learning"] = "- My own change."
    response = client.post(url(product, "briefings:edit"), values)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Someone else saved this record after you opened it." in html
    assert "- My own change." in html
    panel = html.split('id="edit-conflict"')[1].split("</table>")[0]
    assert "Key learning" in panel
    assert "Someone else&#x27;s change." in panel
    assert "- My own change." in panel
    product.refresh_from_db()
    assert product.key_learning == "- Someone else's change."
    # The form now carries the latest version: saving again, knowingly, goes through.
    assert f'name="version" value="{product.version}"' in html
    again = client.post(url(product, "briefings:edit"), {**values, "version": product.version})
    assert again.status_code == 302
    product.refresh_from_db()
    assert product.key_learning == "- My own change."


def test_the_service_refuses_a_stale_edit_too(product, bu) -> None:
    from cspr.core.errors import StaleEdit  # noqa: PLC0415

    opened_at = product.version
    fill(product, bu)
    with pytest.raises(StaleEdit):
        services.product_update(
            product=product, by=bu, values={"title": "x"}, expected_version=opened_at
        )
    assert issubclass(LearningProduct, VersionedModel)


def test_an_approved_product_is_not_edited_by_the_page(product, partner, client_as) -> None:
    services.product_approve(product=product, by=partner)
    client = client_as("business_unit")
    response = client.get(url(product, "briefings:edit"))
    assert response.status_code == 302
    assert "Only a draft can be changed." in client.get(response["Location"]).content.decode()


def test_approving_by_the_page(product, client_as) -> None:
    client = client_as("safeguarding_partner")
    page = client.get(url(product, "briefings:approve")).content.decode()
    assert "Approve it</button>" in page
    response = client.post(url(product, "briefings:approve"))
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED


def test_the_approval_page_lists_what_stops_it(product, bu, client_as) -> None:
    fill(product, bu, key_learning="\n".join("- " + "word " * 40 for _ in range(12)))
    client = client_as("safeguarding_partner")
    page = client.get(url(product, "briefings:approve")).content.decode()
    assert "Before it can be approved:" in page
    assert "Shorten “Key learning”" in page
    assert "Approve it</button>" not in page
    response = client.post(url(product, "briefings:approve"))
    assert response.status_code == 400
    assert "Shorten “Key learning”" in response.content.decode()


def test_publishing_by_the_page(report, bu, partner, client_as) -> None:
    product = fill(services.product_draft(review=report.review, kind=LOAP, by=bu), bu)
    services.product_approve(product=product, by=partner)
    client = client_as("business_unit")
    page = client.get(url(product, "briefings:publish")).content.decode()
    assert f"/learning/briefings/{product.slug}/" in page
    assert client.post(url(product, "briefings:publish")).status_code == 302
    product.refresh_from_db()
    assert product.state == ProductState.PUBLISHED
    detail = client.get(url(product)).content.decode()
    assert f'href="/learning/briefings/{product.slug}/"' in detail


def test_publishing_before_the_report_is_refused_on_the_page(product, partner, client_as):
    services.product_approve(product=product, by=partner)
    client = client_as("business_unit")
    page = client.get(url(product, "briefings:publish")).content.decode()
    assert "Publish the review&#x27;s report first (PUBLISH-DEFAULT)" in page
    assert client.post(url(product, "briefings:publish")).status_code == 400


def test_withdrawing_by_the_page_needs_a_reason(public_loap, client_as) -> None:
    client = client_as("business_unit")
    response = client.post(url(public_loap, "briefings:withdraw"), {"reason": ""})
    assert "Enter why it is withdrawn" in response.content.decode()
    response = client.post(url(public_loap, "briefings:withdraw"), {"reason": "A correction."})
    assert response.status_code == 302
    public_loap.refresh_from_db()
    assert public_loap.state == ProductState.WITHDRAWN


def test_the_draft_pdf_by_the_page(product, client_as) -> None:
    response = client_as("reviewer").get(url(product, "briefings:pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, content = pdf_text(response.content)
    assert pages == 1
    assert "Draft: not approved for circulation" in " ".join(content.split())
    event = AuditEvent.objects.filter(verb="learning_product.downloaded").get()
    assert event.object_id == str(product.pk)


def test_every_page_read_is_audited(product, client_as) -> None:
    client = client_as("safeguarding_partner")
    client.get(url(product.review))
    client.get(url(product))
    client.get(url(product, "briefings:deliveries"))
    verbs = list(
        AuditEvent.objects.filter(action="view").order_by("pk").values_list("verb", flat=True)
    )
    assert verbs[-3:] == [
        "learning_products.viewed",
        "learning_product.viewed",
        "briefing_deliveries.viewed",
    ]
