"""Draft, approve, publish, withdraw, back to draft (briefings/workflow.py): a safeguarding
partner approves, never the person who last changed the text; the business unit publishes only
after the review's report is public (PUBLISH-DEFAULT), never while publication is delayed
(PUBLISH-DELAY); a local learning review with no report to publish may publish its learning
once its report is final."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from cspr.audit.models import AuditEvent
from cspr.briefings import services
from cspr.briefings.workflow import ProductState
from cspr.core.errors import DomainError
from cspr.partnerships.models import Role
from cspr.publication.models import PublicationDelay
from cspr.publication.services import plan_set, report_take_down
from cspr.reviews.models import Review
from tests.briefings.conftest import LOAP, SEVEN, fill, publish
from tests.factories import MembershipFactory
from tests.fixtures.cases import CHILD_NAME


def test_a_partner_approves_a_draft(loap, partner) -> None:
    product = services.product_approve(product=loap, by=partner)
    assert product.state == ProductState.APPROVED
    assert product.approved_by == partner
    assert product.approved_on == dt.date(2026, 3, 2)
    assert AuditEvent.objects.filter(verb="learning_product.approved").count() == 1


def test_the_business_unit_does_not_approve(loap, bu) -> None:
    with pytest.raises(DomainError, match="A safeguarding partner of this partnership"):
        services.product_approve(product=loap, by=bu)


def test_the_person_who_last_changed_it_does_not_approve_it(
    loap, world, partner, second_partner
) -> None:
    """Four eyes: someone who is both business unit and partner edits; another partner
    approves."""
    MembershipFactory(user=partner, partnership=world.partnership, role=Role.BUSINESS_UNIT)
    loap = fill(loap, partner, key_learning="- One thing.\n- Another.")
    with pytest.raises(DomainError, match="You made the last change to it"):
        services.product_approve(product=loap, by=partner)
    assert services.product_approve(product=loap, by=second_partner).approved_by == second_partner


def test_approval_needs_the_required_sections(final, bu, partner) -> None:
    product = services.product_draft(review=final, kind=LOAP, by=bu)  # nothing on good practice
    with pytest.raises(DomainError) as refused:
        services.product_approve(product=product, by=partner)
    assert (
        "Write “What good practice looks like” or “What practitioners should do differently”."
        in (refused.value.message)
    )
    seven = fill(services.product_draft(review=final, kind=SEVEN, by=bu), bu, why_it_matters="")
    with pytest.raises(DomainError, match="Write “Why it matters”"):
        services.product_approve(product=seven, by=partner)


def test_approval_is_refused_while_the_text_names_the_child(loap, bu, partner) -> None:
    loap = fill(loap, bu, good_practice=f"The nurse spoke to {CHILD_NAME.split()[0]} alone.")
    with pytest.raises(DomainError) as refused:
        services.product_approve(product=loap, by=partner)
    assert refused.value.message == (
        "“What good practice looks like” includes a name recorded in the case (“Ruby”): take it "
        "out, the product is for the public."
    )
    assert services.approval_problems(loap, by=partner)  # shown before anyone presses approve


def test_approval_is_refused_while_the_text_gives_the_case_reference(loap, bu, partner) -> None:
    reference = loap.review.case.reference
    loap = fill(loap, bu, key_learning=f"- See {reference}.")
    with pytest.raises(DomainError, match="“Key learning” includes the case reference"):
        services.product_approve(product=loap, by=partner)


def test_an_approved_product_cannot_be_changed_until_it_goes_back_to_draft(loap, bu, partner):
    approved = services.product_approve(product=loap, by=partner)
    with pytest.raises(DomainError, match="Only a draft can be changed"):
        fill(approved, bu)
    draft = services.product_reopen(product=approved, by=bu)
    assert draft.state == ProductState.DRAFT
    assert draft.approved_by is None
    assert draft.approved_on is None
    fill(draft, bu, key_learning="- Changed.")


def test_publication_waits_for_the_report(loap, partner, bu) -> None:
    approved = services.product_approve(product=loap, by=partner)
    with pytest.raises(DomainError, match=r"Publish the review's report first \(PUBLISH-DEFAULT\)"):
        services.product_publish(product=approved, by=bu)


def test_publishing_after_the_report_keeps_the_pdf(report, bu, partner) -> None:
    product = fill(services.product_draft(review=report.review, kind=LOAP, by=bu), bu)
    product = publish(product, bu=bu, partner=partner)
    product.refresh_from_db()
    assert product.state == ProductState.PUBLISHED
    assert product.published_on == dt.date(2026, 3, 16)
    assert product.published_by == bu
    assert product.pdf.name.startswith("learning/")
    assert product.pdf_size == product.pdf.size > 0
    assert product.text_size == 105  # the largest text size fits
    event = AuditEvent.objects.get(verb="learning_product.published")
    assert event.data == {"review": report.review_id, "pages": 1}


def test_an_open_delay_stops_publication(report, bu, partner) -> None:
    product = services.product_approve(
        product=fill(services.product_draft(review=report.review, kind=SEVEN, by=bu), bu),
        by=partner,
    )
    PublicationDelay.objects.create(
        review=report.review, reason="inquest", review_on=dt.date(2026, 6, 1), recorded_by=bu
    )
    with pytest.raises(DomainError, match=r"delayed \(inquest\).*\(PUBLISH-DELAY\)"):
        services.product_publish(product=product, by=bu)


def test_a_report_taken_down_takes_its_learning_with_it(report, bu, partner, frozen_today):
    product = fill(services.product_draft(review=report.review, kind=LOAP, by=bu), bu)
    product = services.product_approve(product=product, by=partner)
    frozen_today.move_to(dt.datetime(2027, 3, 17, 10, tzinfo=dt.UTC))
    report_take_down(published=report, by=bu, reason="The year has passed.")
    with pytest.raises(DomainError, match="report has been taken down"):
        services.product_publish(product=product, by=bu)


def learning_review(final: Review) -> Review:
    Review.objects.filter(pk=final.pk).update(kind="local_learning_review")
    final.refresh_from_db()
    return final


def test_a_local_learning_review_without_a_report_publishes_its_learning(final, bu, partner):
    review = learning_review(final)
    product = fill(services.product_draft(review=review, kind=LOAP, by=bu), bu)
    product = publish(product, bu=bu, partner=partner)
    assert product.state == ProductState.PUBLISHED


def test_a_local_learning_review_with_a_report_planned_publishes_it_first(final, bu, partner):
    review = learning_review(final)
    plan_set(review=review, by=bu, planned_on=dt.date(2026, 4, 1))
    product = services.product_approve(
        product=fill(services.product_draft(review=review, kind=LOAP, by=bu), bu), by=partner
    )
    with pytest.raises(DomainError, match="report is planned for publication"):
        services.product_publish(product=product, by=bu)


def test_withdrawing_needs_a_reason_and_going_back_to_draft_clears_publication(
    public_loap, bu, django_capture_on_commit_callbacks
) -> None:
    with pytest.raises(DomainError, match="Enter why it is withdrawn"):
        services.product_withdraw(product=public_loap, by=bu, reason=" ")
    withdrawn = services.product_withdraw(product=public_loap, by=bu, reason="A correction.")
    assert withdrawn.state == ProductState.WITHDRAWN
    assert withdrawn.withdrawn_on == dt.date(2026, 3, 16)
    stored = withdrawn.pdf.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.product_reopen(product=withdrawn, by=bu)
    assert not default_storage.exists(stored)  # removed once the change stood
    assert (draft.state, draft.published_on, draft.pdf.name, draft.withdrawn_reason) == (
        ProductState.DRAFT,
        None,
        "",
        "",
    )


def test_each_transition_is_refused_from_the_wrong_state(loap, bu, partner) -> None:
    with pytest.raises(DomainError, match="must approve it before it is published"):
        services.product_publish(product=loap, by=bu)
    with pytest.raises(DomainError, match="Only a published product can be withdrawn"):
        services.product_withdraw(product=loap, by=bu, reason="x")
    with pytest.raises(DomainError, match="Only an approved or withdrawn product"):
        services.product_reopen(product=loap, by=bu)
    approved = services.product_approve(product=loap, by=partner)
    with pytest.raises(DomainError, match="Only a draft can be approved"):
        services.product_approve(product=approved, by=partner)
