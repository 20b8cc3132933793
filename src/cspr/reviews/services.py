"""Writes for reviews: opening one from a decided case, commissioning reviewers, terms of
reference and their approval, participants, requests to the reviewer, and marking the report
final. Each runs in one transaction and writes its audit event."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases import workflow as case_workflow
from cspr.cases.models import Case
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.models import save_versioned
from cspr.partnerships.models import Agency, Role
from cspr.rapid_reviews.criteria import Outcome
from cspr.rapid_reviews.services.decisions import partners_represented_by, required_partners
from cspr.reviews import workflow
from cspr.reviews.models import (
    Commission,
    Participant,
    ParticipantKind,
    Review,
    ReviewerRequest,
    ReviewKind,
    TermsApproval,
    TermsOfReference,
)
from cspr.reviews.tasks import tell_reviewer_of_commission

# The review that follows each outcome of the Rapid Review (OUTCOME).
KIND_FOR_OUTCOME = {
    Outcome.LOCAL_CSPR: ReviewKind.LOCAL_CSPR,
    Outcome.LOCAL_LEARNING_REVIEW: ReviewKind.LOCAL_LEARNING_REVIEW,
    Outcome.NATIONAL_REVIEW: ReviewKind.NATIONAL_CONTRIBUTION,
}

# Other apps add what a final report needs (the REPORT-CONTENT checklist, for example): each
# check returns a message when the review is not ready, else None.
FINAL_REPORT_CHECKS: list[Callable[[Review], str | None]] = []


def _audit(by: User, verb: str, obj: Any, review: Review, **data: Any) -> None:
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=review.case.partnership_id,
        data={"review": review.pk, **data},
    )


def _locked(review: Review) -> Review:
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=review.pk)
    )


@transaction.atomic
def review_open(
    *,
    case: Case,
    by: User,
    kind: str,
    methodology: str,
    methodology_notes: str = "",
    panel_members: str = "",
) -> Review:
    """Open the review the partners decided on. Its due date comes from the decision date
    (CSPR-COMPLETE: 6 months; LLR-COMPLETE: 3 months by default)."""
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("rapid_review").get(pk=case.pk)
    )
    case.state = case_workflow.next_state(case.state, "open_review")
    decision = case.rapid_review
    expected = KIND_FOR_OUTCOME.get(Outcome(decision.recommended_outcome))
    if expected is None:
        raise DomainError("The partners decided on an outcome that is not a review here.")
    if kind != expected:
        raise DomainError(f"The partners decided on a {expected.label.lower()}.", field="kind")
    assert decision.decided_on is not None  # noqa: S101 (a decided case has its date)
    case.version += 1
    case.save(update_fields=["state", "version", "updated_at"])
    review = Review.objects.create(
        case=case,
        kind=kind,
        decided_on=decision.decided_on,
        opened_by=by,
        methodology=methodology,
        methodology_notes=methodology_notes.strip(),
        panel_members=panel_members.strip(),
    )
    _audit(by, "review.opened", review, review, kind=kind)
    return review


@transaction.atomic
def review_update(
    *, review: Review, by: User, values: dict[str, Any], expected_version: int
) -> Review:
    review = _locked(review)
    workflow.next_state(review.state, "edit")
    if review.version != expected_version:
        raise StaleEdit(
            "Someone else saved this review after you opened it. Your changes have not been "
            "saved yet: compare them with what is saved now, then save again to keep yours."
        )
    changed = sorted(k for k, v in values.items() if getattr(review, k) != v)
    for name, value in values.items():
        setattr(review, name, value)
    review.version += 1
    review.save(update_fields=[*values, "version", "updated_at"])
    _audit(by, "review.updated", review, review, fields=changed)
    return review


@transaction.atomic
def reviewer_commission(
    *, review: Review, by: User, reviewer: User, starts_on: dt.date, ends_on: dt.date
) -> Commission:
    """Give an independent reviewer access to this case only, from ``starts_on`` to
    ``ends_on``."""
    review = _locked(review)
    workflow.next_state(review.state, "commission_reviewer")
    is_reviewer = reviewer.memberships.filter(
        partnership_id=review.case.partnership_id, role=Role.REVIEWER, ended_at__isnull=True
    ).exists()
    if not is_reviewer:
        raise DomainError(
            "Choose someone with the reviewer role in this partnership.", field="reviewer"
        )
    if ends_on < starts_on:
        raise DomainError("The commission must end on or after the day it starts.", field="ends_on")
    commission = Commission.objects.create(
        review=review, reviewer=reviewer, starts_on=starts_on, ends_on=ends_on, commissioned_by=by
    )
    _audit(by, "reviewer.commissioned", commission, review, reviewer=reviewer.pk)
    commission_id = commission.pk
    transaction.on_commit(lambda: tell_reviewer_of_commission.enqueue(commission_id=commission_id))
    return commission


@transaction.atomic
def commission_end(*, commission: Commission, by: User) -> Commission:
    """End a commission today: the reviewer loses access to the case tomorrow."""
    today = timezone.localdate()
    if commission.ends_on < today:
        raise DomainError("This commission has already ended.")
    commission.ends_on = max(today, commission.starts_on)
    commission.save(update_fields=["ends_on", "updated_at"])
    _audit(by, "reviewer.commission_ended", commission, commission.review)
    return commission


@transaction.atomic
def terms_draft(
    *,
    review: Review,
    by: User,
    scope_from: dt.date,
    scope_to: dt.date,
    lines_of_enquiry: str,
    agencies: list[Agency],
    expected_latest: int | None = None,
) -> TermsOfReference:
    """A new version of the terms of reference, to be approved by the partners.
    ``expected_latest`` is the number of the latest version the person started from (0: none):
    if someone has saved another since, this one is refused (``StaleEdit``)."""
    review = _locked(review)
    workflow.next_state(review.state, "edit")
    if expected_latest is not None and review.terms.count() != expected_latest:
        raise StaleEdit(
            "Someone else saved a new version of the terms of reference after you opened this "
            "page. Yours has not been saved yet: compare it with theirs, then save again to "
            "make yours the next version."
        )
    if scope_to < scope_from:
        raise DomainError(
            "The end of the scope period must be on or after its start.", field="scope_to"
        )
    if not lines_of_enquiry.strip():
        raise DomainError("Enter the key lines of enquiry.", field="lines_of_enquiry")
    if any(a.partnership_id != review.case.partnership_id for a in agencies):
        raise DomainError("Choose agencies of this partnership.", field="agencies")
    number = review.terms.count() + 1
    terms = TermsOfReference.objects.create(
        review=review,
        number=number,
        scope_from=scope_from,
        scope_to=scope_to,
        lines_of_enquiry=lines_of_enquiry.strip(),
        drafted_by=by,
    )
    terms.agencies_in_scope.set(agencies)
    _audit(by, "terms_of_reference.drafted", terms, review, version=number)
    return terms


@transaction.atomic
def terms_approve(*, terms: TermsOfReference, by: User, statutory_partner: str) -> TermsOfReference:
    """A safeguarding partner approves a version; it is approved when all have."""
    terms = TermsOfReference.objects.select_for_update().get(pk=terms.pk)
    review = terms.review
    partnership = review.case.partnership
    if terms.approved_on is not None:
        raise DomainError("This version is already approved.")
    if terms.number != review.terms.count():
        raise DomainError("Only the latest version of the terms of reference can be approved.")
    if statutory_partner not in partners_represented_by(by, partnership):
        raise DomainError(
            "You do not represent that safeguarding partner.", field="statutory_partner"
        )
    if terms.approvals.filter(statutory_partner=statutory_partner).exists():
        raise DomainError("That safeguarding partner has already approved this version.")
    TermsApproval.objects.create(terms=terms, statutory_partner=statutory_partner, approved_by=by)
    _audit(by, "terms_of_reference.approved", terms, review, partner=statutory_partner)
    approved = set(terms.approvals.values_list("statutory_partner", flat=True))
    if set(required_partners(partnership)) <= approved:
        terms.approved_on = timezone.localdate()
        terms.save(update_fields=["approved_on", "updated_at"])
    return terms


@transaction.atomic
def participant_add(*, review: Review, by: User, values: dict[str, Any]) -> Participant:
    review = _locked(review)
    workflow.next_state(review.state, "edit")
    if values["kind"] == ParticipantKind.PRACTITIONER and values.get("agency") is None:
        raise DomainError("Choose the practitioner's agency.", field="agency")
    if values["kind"] == ParticipantKind.FAMILY:
        values = {**values, "agency": None}
    participant = Participant.objects.create(review=review, **values)
    _audit(by, "participant.added", participant, review, kind=participant.kind)
    return participant


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    by: User,
    status: str,
    how_views_gathered: str,
    expected_version: int,
) -> Participant:
    """How a practitioner or family member takes part; refused (``StaleEdit``) if someone
    saved it after this person opened it."""
    review = _locked(participant.review)
    workflow.next_state(review.state, "edit")
    participant.status = status
    participant.how_views_gathered = how_views_gathered.strip()
    save_versioned(
        participant,
        expected_version=expected_version,
        fields=["status", "how_views_gathered"],
    )
    _audit(by, "participant.updated", participant, review, fields=["status"])
    return participant


@transaction.atomic
def reviewer_request_add(
    *, review: Review, by: User, what: str, due_on: dt.date
) -> ReviewerRequest:
    """A request to the reviewer for information or a draft (regulation 14)."""
    today = timezone.localdate()
    if due_on < today:
        raise DomainError("The date it is due must be today or later.", field="due_on")
    request = ReviewerRequest.objects.create(
        review=review, what=what.strip(), requested_on=today, due_on=due_on, requested_by=by
    )
    _audit(by, "reviewer_request.added", request, review)
    return request


@transaction.atomic
def reviewer_request_fulfil(*, request: ReviewerRequest, by: User) -> ReviewerRequest:
    if request.fulfilled_on is not None:
        raise DomainError("This request has already been met.")
    request.fulfilled_on = timezone.localdate()
    request.save(update_fields=["fulfilled_on", "updated_at"])
    _audit(by, "reviewer_request.fulfilled", request, request.review)
    return request


def final_report_problems(review: Review) -> list[str]:
    """What stops the report being marked final: the family must at least have been invited,
    or the reason recorded (REPORT-CONTENT), plus each registered check."""
    problems = []
    family_invited = review.participants.filter(kind=ParticipantKind.FAMILY).exists()
    if not family_invited and not review.family_not_invited_reason.strip():
        problems.append("Invite the family to take part, or record why they were not invited.")
    if not review.terms.filter(approved_on__isnull=False).exists():
        problems.append("The partners must approve the terms of reference.")
    for check in FINAL_REPORT_CHECKS:
        message = check(review)
        if message:
            problems.append(message)
    return problems


@transaction.atomic
def review_mark_final(*, review: Review, by: User) -> Review:
    """The report is final: CSPR-COMPLETE (or LLR-COMPLETE) is met on this date."""
    review = _locked(review)
    review.state = workflow.next_state(review.state, "mark_report_final")
    problems = final_report_problems(review)
    if problems:
        raise DomainError(" ".join(problems))
    review.completed_on = timezone.localdate()
    review.version += 1
    review.save(update_fields=["state", "completed_on", "version", "updated_at"])
    _audit(by, "review.report_marked_final", review, review)
    return review
