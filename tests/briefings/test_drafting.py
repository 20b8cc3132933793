"""The first draft comes from what the review recorded: the pseudonym, the kind of review, what
happened (the published report's summary, else the referral), the Rapid Review's learning,
standing questions for reflection (SOURCES.md §3.7, S35d) and links to the published pages.
The child's name is never in it, even when someone typed it into the referral."""

import pytest
from django.conf import settings

from cspr.actions.services.plans import plan_start
from cspr.actions.services.recommendations import recommendation_add
from cspr.audit.models import AuditEvent
from cspr.briefings import checks, services
from cspr.briefings.drafting import STANDING_QUESTIONS
from cspr.briefings.models import LearningProduct
from cspr.cases.models import Case, ChildIdentity
from cspr.core.errors import DomainError
from tests.briefings.conftest import LOAP, SEVEN, fill
from tests.fixtures.cases import CHILD_NAME

TEXT_FIELDS = [
    "title",
    "what_happened",
    "why_it_matters",
    "key_facts",
    "key_learning",
    "good_practice",
    "do_differently",
    "partnership_changes",
    "reflection_questions",
    "links",
]


def everything(product: LearningProduct) -> str:
    return "\n".join(getattr(product, name) for name in TEXT_FIELDS)


def assert_no_name(text: str) -> None:
    for part in (CHILD_NAME, *CHILD_NAME.split()):
        assert part.casefold() not in text.casefold()


def test_a_draft_after_publication_uses_the_published_summary(published, bu) -> None:
    review = published.review
    product = services.product_draft(review=review, kind=LOAP, by=bu)
    pseudonym = review.case.pseudonym
    assert product.title == f"{pseudonym}: Learning on a Page"
    assert product.what_happened == published.summary
    assert "A local child safeguarding practice review, using a systems approach." in (
        product.key_facts
    )
    assert "published on 16 March 2026" in product.key_facts
    assert product.reflection_questions.splitlines() == list(STANDING_QUESTIONS)
    report_url = f"{settings.CSPR_BASE_URL}/published/northshire-test/{published.pk}/"
    assert f"The full report: {report_url}" in product.links
    assert_no_name(everything(product))
    assert review.case.reference not in everything(product)


def test_the_public_address_is_the_partnership_pseudonym_and_kind(final, bu) -> None:
    loap = services.product_draft(review=final, kind=LOAP, by=bu)
    seven = services.product_draft(review=final, kind=SEVEN, by=bu)
    pseudonym = final.case.pseudonym.lower().replace(" ", "-")
    assert loap.slug == f"northshire-test-{pseudonym}-learning-on-a-page"
    assert seven.slug == f"northshire-test-{pseudonym}-7-minute-briefing"
    for product in (loap, seven):
        assert_no_name(product.slug)
        assert final.case.reference.lower() not in product.slug


def test_before_publication_what_happened_comes_from_the_referral(final, bu) -> None:
    product = services.product_draft(review=final, kind=SEVEN, by=bu)
    case = final.case
    assert product.what_happened.startswith(f"{case.pseudonym} was seriously harmed.")
    assert "Abuse or neglect was suspected." in product.what_happened
    assert "child in need" in product.what_happened
    assert case.case_outline in product.what_happened
    assert product.key_learning == "Escalation."  # the Rapid Review's learning
    assert product.why_it_matters.startswith("A child safeguarding practice review looks at")
    assert "The full report" not in product.links
    assert_no_name(everything(product))


def test_details_typed_into_the_referral_are_taken_out_of_the_draft(final, bu) -> None:
    """The referral's outline was typed before anyone anonymised it: the child's name, parts of
    it and the case reference are replaced by markers."""
    Case.objects.filter(pk=final.case_id).update(
        case_outline=f"{CHILD_NAME} ({final.case.reference}) was found by Testchild's uncle."
    )
    final.case.refresh_from_db()
    product = services.product_draft(review=final, kind=LOAP, by=bu)
    assert_no_name(everything(product))
    assert final.case.reference not in product.what_happened
    assert "[name removed] ([reference removed]) was found by [name removed]'s uncle." in (
        product.what_happened
    )
    event = AuditEvent.objects.get(verb="learning_product.created")
    assert event.data["details_removed"] == 3
    assert CHILD_NAME not in str(event.data)


def test_a_draft_waits_for_the_final_report(cspr, bu) -> None:
    with pytest.raises(DomainError, match="once the report is final"):
        services.product_draft(review=cspr, kind=LOAP, by=bu)


def test_one_product_of_each_kind_per_review(final, bu) -> None:
    services.product_draft(review=final, kind=LOAP, by=bu)
    with pytest.raises(DomainError, match="already has a Learning on a Page"):
        services.product_draft(review=final, kind=LOAP, by=bu)
    services.product_draft(review=final, kind=SEVEN, by=bu)
    assert final.learning_products.count() == 2


def test_drafting_is_audited_with_ids_only(final, bu) -> None:
    product = services.product_draft(review=final, kind=LOAP, by=bu)
    event = AuditEvent.objects.get(verb="learning_product.created")
    assert event.object_id == str(product.pk)
    assert event.partnership_id == final.case.partnership_id
    assert event.data == {
        "review": final.pk,
        "kind": LOAP,
        "what_happened_from": "referral",
        "details_removed": 0,
    }


def test_what_the_partnership_is_changing_comes_from_the_accepted_recommendations(final, bu):
    plan = plan_start(case=final.case, by=bu)
    recommendation_add(
        plan=plan, by=bu, text="Share records when a family moves area.", response="accepted"
    )
    recommendation_add(
        plan=plan,
        by=bu,
        text="Close the health visiting service.",
        response="not_accepted",
        response_reasons="Not proportionate.",
    )
    recommendation_add(plan=plan, by=bu, text="Train every agency on the bruising protocol.")
    product = services.product_draft(review=final, kind=SEVEN, by=bu)
    assert product.partnership_changes == (
        "- Share records when a family moves area.\n- Train every agency on the bruising protocol."
    )


def test_the_pseudonym_is_never_taken_for_a_name(final, bu, partner) -> None:
    """A recorded name that shares a word with the pseudonym ("Child") leaves the pseudonym
    alone, in the draft and at approval; the word elsewhere is still taken out."""
    ChildIdentity.objects.filter(case=final.case).update(full_name="Ruby Child Testchild")
    product = services.product_draft(review=final, kind=LOAP, by=bu)
    pseudonym = final.case.pseudonym
    assert product.title == f"{pseudonym}: Learning on a Page"
    assert product.what_happened.startswith(f"{pseudonym} was seriously harmed. The [name")
    mine = {"what_happened": f"{pseudonym} was hurt. {pseudonym.upper()} lived at home."}
    product = fill(product, bu, **mine, good_practice="The nurse saw the baby alone.")
    assert checks.identifying_details(product) == []
    product = fill(product, bu, **mine, good_practice="The child was seen alone.")
    assert checks.identifying_details(product) == [
        "“What good practice looks like” includes a name recorded in the case (“child”): take "
        "it out, the product is for the public."
    ]
