"""Writes for learning products: drafting one from the review's record, the business unit's
edits (versioned: a stale edit is refused), a safeguarding partner's approval, publication by
the business unit, withdrawal, going back to draft, and recording a delivery. Each runs in one
transaction and writes its audit event (ids and field names, never the text).

Decisions (docs/adr/0008-learning-products.md):
- A safeguarding partner approves, and not the person who last changed the text: the
  partners sign off what the partnership says in public (DESIGN.md), and four eyes see it.
- The business unit publishes, only after the review's report (or the information about
  improvements, PUBLISH-DEFAULT) is on the public pages, and never while publication is delayed
  (PUBLISH-DELAY). A local learning review with no report to publish (no publication plan) may
  publish its learning once its report is final.
- A PDF that does not fit (one page for a Learning on a Page, two for a 7-minute briefing)
  is refused, naming the section to shorten; nothing is cut."""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.briefings import checks, documents, drafting, sections, workflow
from cspr.briefings.models import BriefingDelivery, LearningProduct, ProductKind
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.documents.terms import terms_for
from cspr.partnerships.models import Agency, Role
from cspr.partnerships.selectors import roles_in
from cspr.publication import selectors as publication
from cspr.reviews.models import Review, ReviewKind
from cspr.reviews.workflow import ReviewState


def _audit(by: User, verb: str, obj: Any, review: Review, **data: Any) -> None:
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=review.case.partnership_id,
        data={"review": review.pk, **data},
    )


def _locked(product: LearningProduct) -> LearningProduct:
    return (
        LearningProduct.objects.select_for_update(of=("self",))
        .select_related("review__case__partnership")
        .get(pk=product.pk)
    )


def _bump(product: LearningProduct, *fields: str) -> None:
    """Save a change of state: the version goes up, so an editor's open form is now stale."""
    save_versioned(product, expected_version=product.version, fields=list(fields))


@transaction.atomic
def product_draft(*, review: Review, kind: str, by: User) -> LearningProduct:
    """The first draft, from what the review recorded (``drafting.draft_content``)."""
    if kind not in ProductKind.values:
        raise DomainError("Choose a Learning on a Page or a 7-minute briefing.")
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.state == ReviewState.OPEN:
        raise DomainError(
            "Draft it once the report is final: the learning is what the final report found."
        )
    if LearningProduct.objects.filter(review=review, kind=kind).exists():
        raise DomainError(f"This review already has a {ProductKind(kind).label}.")
    content = drafting.draft_content(review, kind, by)
    terms, removed = terms_for(review), 0
    for name, text in content.items():
        content[name], count = checks.redact(
            text, terms, review.case.reference, review.case.pseudonym
        )
        removed += count
    product = LearningProduct.objects.create(
        review=review,
        kind=kind,
        slug=drafting.product_slug(review, kind),
        drafted_by=by,
        last_edited_by=by,
        **content,
    )
    source = "report" if drafting.drafted_from_report(review) else "referral"
    _audit(
        by,
        "learning_product.created",
        product,
        review,
        kind=kind,
        what_happened_from=source,
        details_removed=removed,
    )
    return product


def editable_fields(product: LearningProduct) -> list[str]:
    return ["title", *(f.name for f in sections.fields_of(product.kind))]


@transaction.atomic
def product_update(
    *, product: LearningProduct, by: User, values: dict[str, str], expected_version: int
) -> LearningProduct:
    """The business unit's changes to a draft. Refused (``StaleEdit``) if anyone saved it, or
    approved it, after this person opened it."""
    current = LearningProduct.objects.select_related("review__case").get(pk=product.pk)
    workflow.next_state(current.state, "edit")
    allowed = set(editable_fields(current))
    unknown = set(values) - allowed
    if unknown:
        raise DomainError(f"These sections are not part of a {current.get_kind_display()}.")
    cleaned = {name: value.strip() for name, value in values.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise DomainError("Enter the title.", field="title")
    changed = sorted(name for name, value in cleaned.items() if getattr(current, name) != value)
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.last_edited_by = by
    save_versioned(current, expected_version=expected_version, fields=[*cleaned, "last_edited_by"])
    _audit(by, "learning_product.updated", current, current.review, fields=changed)
    return current


def approval_problems(product: LearningProduct, *, by: User | None = None) -> list[str]:
    """Everything that stops ``by`` approving the product now (the PDF is made to check it
    fits)."""
    problems = []
    refusal = workflow.refusal(product.state, "approve")
    if refusal:
        return [refusal]
    if by is not None:
        if Role.SAFEGUARDING_PARTNER not in roles_in(by, product.review.case.partnership):
            problems.append("A safeguarding partner of this partnership approves it.")
        if product.last_edited_by_id == by.pk:
            problems.append(
                "You made the last change to it: another safeguarding partner must approve it."
            )
    problems += checks.content_problems(product)
    if not problems and not documents.fitted(product).fits:
        problems.append(documents.too_long_message(product))
    return problems


@transaction.atomic
def product_approve(*, product: LearningProduct, by: User) -> LearningProduct:
    """A safeguarding partner approves the text for publication; it can no longer be changed
    unless it goes back to draft."""
    product = _locked(product)
    problems = approval_problems(product, by=by)
    if problems:
        raise DomainError(" ".join(problems))
    product.state = workflow.next_state(product.state, "approve")
    product.approved_by = by
    product.approved_on = timezone.localdate()
    _bump(product, "state", "approved_by", "approved_on")
    _audit(by, "learning_product.approved", product, product.review)
    return product


def publication_problems(product: LearningProduct, *, today: dt.date) -> list[str]:
    """What stops the business unit publishing it today (the PDF is checked when publishing)."""
    refusal = workflow.refusal(product.state, "publish")
    if refusal:
        return [refusal]
    review = product.review
    overview = publication.overview(review, today=today)
    problems = [
        f"Publication of the review is delayed ({delay.get_reason_display().lower()}): its "
        "learning waits too (PUBLISH-DELAY)."
        for delay in overview.open_delays
    ]
    report = publication.published_report_of(review)
    if report is not None and report.is_available:
        return problems
    if report is not None:
        problems.append(
            "The review's report has been taken down from the public pages, so its learning "
            "cannot be published."
        )
    elif review.kind == ReviewKind.LOCAL_LEARNING_REVIEW and overview.plan is None:
        pass  # a local learning review without a report to publish
    elif review.kind == ReviewKind.LOCAL_LEARNING_REVIEW:
        problems.append(
            "This local learning review's report is planned for publication: publish the "
            "report first, then its learning."
        )
    else:
        problems.append(
            "Publish the review's report first (PUBLISH-DEFAULT): its learning is published "
            "after it, never before."
        )
    return problems


@transaction.atomic
def product_publish(*, product: LearningProduct, by: User) -> LearningProduct:
    """Publish the web page and the PDF today. The PDF is made now and kept, so the file the
    public downloads is the one that was published."""
    product = _locked(product)
    today = timezone.localdate()
    problems = publication_problems(product, today=today) + checks.content_problems(product)
    if problems:
        raise DomainError(" ".join(problems))
    product.state = workflow.next_state(product.state, "publish")
    product.published_by = by
    product.published_on = today
    rendered = documents.publishable_pdf(product)
    product.pdf.save("product.pdf", ContentFile(rendered.content), save=False)
    product.pdf_size = len(rendered.content)
    product.text_size = rendered.text_size
    _bump(product, "state", "published_by", "published_on", "pdf", "pdf_size", "text_size")
    _audit(by, "learning_product.published", product, product.review, pages=rendered.pages)
    return product


@transaction.atomic
def product_withdraw(*, product: LearningProduct, by: User, reason: str) -> LearningProduct:
    """Take it off the public pages today, with the reason."""
    product = _locked(product)
    product.state = workflow.next_state(product.state, "withdraw")
    if not reason.strip():
        raise DomainError("Enter why it is withdrawn.", field="reason")
    product.withdrawn_by = by
    product.withdrawn_on = timezone.localdate()
    product.withdrawn_reason = reason.strip()
    _bump(product, "state", "withdrawn_by", "withdrawn_on", "withdrawn_reason")
    _audit(by, "learning_product.withdrawn", product, product.review)
    return product


@transaction.atomic
def product_reopen(*, product: LearningProduct, by: User) -> LearningProduct:
    """Back to draft, to be changed and approved again: the approval, and any publication,
    are cleared (the audit trail keeps them). Deliveries already recorded stay."""
    product = _locked(product)
    previous = product.state
    product.state = workflow.next_state(product.state, "reopen")
    if product.pdf:
        storage, name = product.pdf.storage, str(product.pdf.name)
        transaction.on_commit(lambda: storage.delete(name))  # only once the change stands
    product.pdf = ""
    product.pdf_size = 0
    product.text_size = None
    product.approved_by = product.published_by = product.withdrawn_by = None
    product.approved_on = product.published_on = product.withdrawn_on = None
    product.withdrawn_reason = ""
    _bump(
        product,
        "state",
        "pdf",
        "pdf_size",
        "text_size",
        "approved_by",
        "approved_on",
        "published_by",
        "published_on",
        "withdrawn_by",
        "withdrawn_on",
        "withdrawn_reason",
    )
    _audit(by, "learning_product.reopened", product, product.review, was=previous)
    return product


@transaction.atomic
def delivery_record(
    *,
    product: LearningProduct,
    by: User,
    team: str,
    delivered_on: dt.date,
    attendees: int,
    delivered_by: str,
    agency: Agency | None = None,
    notes: str = "",
) -> BriefingDelivery:
    """Where and when it was delivered, and to how many (SOURCES.md §3.7)."""
    product = _locked(product)
    workflow.next_state(product.state, "record_delivery")
    if not team.strip():
        raise DomainError("Enter the team it was delivered to.", field="team")
    if not delivered_by.strip():
        raise DomainError("Enter who delivered it.", field="delivered_by")
    if attendees < 1:
        raise DomainError("The number of people who attended must be 1 or more.", field="attendees")
    if delivered_on > timezone.localdate():
        raise DomainError(
            "The date it was delivered must be today or in the past.", field="delivered_on"
        )
    approved_on = product.approved_on
    if approved_on is not None and delivered_on < approved_on:
        raise DomainError(
            "The date it was delivered must be on or after the day it was approved "
            f"({approved_on:%-d %B %Y}).",
            field="delivered_on",
        )
    if agency is not None and agency.partnership_id != product.review.case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="agency")
    delivery = BriefingDelivery.objects.create(
        product=product,
        agency=agency,
        team=team.strip(),
        delivered_on=delivered_on,
        attendees=attendees,
        delivered_by=delivered_by.strip(),
        notes=notes.strip(),
        recorded_by=by,
    )
    _audit(
        by,
        "briefing_delivery.recorded",
        delivery,
        product.review,
        product=product.pk,
        attendees=attendees,
    )
    return delivery
