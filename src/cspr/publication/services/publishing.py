"""The partners' decision (PUBLISH-DEFAULT): publish the report, or publish the information
about improvements and record why not; taking a report down no earlier than PUBLISH-LOCAL or
PUBLISH-NATIONAL allows; and the deposit for the national case review repository.

Publication is recorded on the day it happens: ``published_on`` is today, and it cannot be
recorded before the planned date (change the plan to publish sooner, which moves
PRE-PUBLICATION's date with it)."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.cases.models import ChildIdentity
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.learning.services.published import library_add_published, library_withdraw_published
from cspr.publication import deposit as repository
from cspr.publication.files import check_pdf
from cspr.publication.models import (
    Decision,
    PublicationPlan,
    PublishedReport,
    RepositoryDeposit,
)
from cspr.publication.selectors import clock_of, long_date, publication_problems, takedown_rule
from cspr.publication.services.base import audit, locked
from cspr.reviews import workflow
from cspr.reviews.models import Review
from cspr.statutory.rules import get_rule


def _ready(review: Review, today: dt.date) -> PublicationPlan:
    problems = publication_problems(review, today=today)
    if problems:
        raise DomainError(" ".join(problems))
    return PublicationPlan.objects.select_for_update().get(review=review)


def _check_public_text(review: Review, texts: dict[str, tuple[str, str]]) -> None:
    """What goes on the public page is entered here: refuse the case reference or the child's
    name in it (the report itself went through the anonymisation check)."""
    case = review.case
    name = ChildIdentity.objects.filter(case=case).values_list("full_name", flat=True).first()
    for field, (text, what) in texts.items():
        if not text.strip():
            raise DomainError(f"Enter {what}", field=field)
        words = text.casefold()
        if case.reference.casefold() in words or (name and name.strip().casefold() in words):
            raise DomainError(
                "This is shown to the public: it must not include the case reference or the "
                "child's name.",
                field=field,
            )


def _make_public(
    review: Review,
    *,
    by: User,
    title: str,
    summary: str,
    uploaded_file: UploadedFile | None,
    improvements: bool,
    today: dt.date,
) -> PublishedReport:
    rule = takedown_rule(review)
    published = PublishedReport(
        review=review,
        title=title.strip(),
        summary=summary.strip(),
        is_improvements_information=improvements,
        published_on=today,
        published_by=by,
        earliest_takedown_on=clock_of(review).due(rule, today),
        takedown_rule=rule,
    )
    if uploaded_file is not None:
        published.file_size = uploaded_file.size or 0
        published.file.save("report.pdf", uploaded_file, save=False)
    published.save()
    return published


def _decide(
    plan: PublicationPlan, review: Review, *, by: User, decision: str, reason: str, state: str
) -> None:
    plan.decision = decision
    plan.not_publishing_reason = reason
    plan.decided_on = timezone.localdate()
    plan.decided_by = by
    save_versioned(
        plan,
        expected_version=plan.version,
        fields=["decision", "not_publishing_reason", "decided_on", "decided_by"],
    )
    review.state = state
    review.version += 1
    review.save(update_fields=["state", "version", "updated_at"])


@transaction.atomic
def report_publish(
    *, review: Review, by: User, title: str, summary: str, uploaded_file: UploadedFile | None
) -> PublishedReport:
    """Publish the anonymised report today and prepare its repository deposit. Refused while a
    delay is open, before the planned date, and until the three copies are recorded as sent by
    PRE-PUBLICATION's date (or why not is recorded)."""
    review = locked(review)
    state = workflow.next_state(review.state, "publish")
    today = timezone.localdate()
    plan = _ready(review, today)
    _check_public_text(review, {"title": (title, "the title"), "summary": (summary, "the summary")})
    check_pdf(uploaded_file, field="uploaded_file")
    published = _make_public(
        review,
        by=by,
        title=title,
        summary=summary,
        uploaded_file=uploaded_file,
        improvements=False,
        today=today,
    )
    _decide(plan, review, by=by, decision=Decision.PUBLISH, reason="", state=state)
    details = repository.metadata(published, review)
    deposit = RepositoryDeposit.objects.create(
        published=published,
        prepared_on=today,
        metadata=details,
        covering_email=repository.covering_email(published, review, details),
    )
    audit(
        by, "report.published", published, review, deposit=deposit.pk, rule=published.takedown_rule
    )
    library_add_published(published=published, by=by)
    return published


@transaction.atomic
def report_not_published(
    *,
    review: Review,
    by: User,
    reason: str,
    improvements_title: str,
    improvements_summary: str,
    uploaded_file: UploadedFile | None = None,
) -> PublishedReport:
    """The partners decided not to publish the report (PUBLISH-DEFAULT): the reason is
    required, and the information about improvements is published in its place, under the
    same conditions as a report (PRE-PUBLICATION, PUBLISH-DELAY)."""
    review = locked(review)
    state = workflow.next_state(review.state, "decide_not_to_publish")
    if not reason.strip():
        raise DomainError("Say why the report is not being published.", field="reason")
    today = timezone.localdate()
    plan = _ready(review, today)
    _check_public_text(
        review,
        {
            "improvements_title": (improvements_title, "the title"),
            "improvements_summary": (improvements_summary, "the information about improvements"),
        },
    )
    check_pdf(uploaded_file, field="uploaded_file", required=False)
    published = _make_public(
        review,
        by=by,
        title=improvements_title,
        summary=improvements_summary,
        uploaded_file=uploaded_file,
        improvements=True,
        today=today,
    )
    _decide(plan, review, by=by, decision=Decision.NOT_PUBLISH, reason=reason.strip(), state=state)
    audit(by, "report.not_published", published, review, rule=published.takedown_rule)
    library_add_published(published=published, by=by)
    return published


@transaction.atomic
def report_take_down(*, published: PublishedReport, by: User, reason: str) -> PublishedReport:
    """Take a report off the public page: refused before the earliest date PUBLISH-LOCAL (or
    PUBLISH-NATIONAL) allows."""
    published = (
        PublishedReport.objects.select_for_update()
        .select_related("review__case__partnership")
        .get(pk=published.pk)
    )
    if published.taken_down_on is not None:
        raise DomainError("This report has already been taken down.")
    today = timezone.localdate()
    if today < published.earliest_takedown_on:
        rule = get_rule(published.takedown_rule)
        raise DomainError(
            f"This report must stay publicly available until at least "
            f"{long_date(published.earliest_takedown_on)} ({rule.id}: {rule.period()} from "
            f"publication on {long_date(published.published_on)}). It can be taken down from "
            "that date."
        )
    if not reason.strip():
        raise DomainError("Say why the report is being taken down.", field="reason")
    published.taken_down_on = today
    published.takedown_reason = reason.strip()
    published.taken_down_by = by
    published.save(
        update_fields=["taken_down_on", "takedown_reason", "taken_down_by", "updated_at"]
    )
    audit(by, "published_report.taken_down", published, published.review)
    library_withdraw_published(published=published, by=by)
    return published


@transaction.atomic
def deposit_mark_sent(
    *, deposit: RepositoryDeposit, by: User, sent_on: dt.date
) -> RepositoryDeposit:
    """Record the day the business unit sent the deposit to the repository."""
    deposit = (
        RepositoryDeposit.objects.select_for_update()
        .select_related("published__review__case__partnership")
        .get(pk=deposit.pk)
    )
    if deposit.sent_on is not None:
        raise DomainError(
            f"The deposit was already recorded as sent on {long_date(deposit.sent_on)}."
        )
    if sent_on > timezone.localdate():
        raise DomainError("The date it was sent must be today or in the past.", field="sent_on")
    if sent_on < deposit.prepared_on:
        raise DomainError(
            f"The date it was sent must be on or after {long_date(deposit.prepared_on)}, when "
            "the report was published.",
            field="sent_on",
        )
    deposit.sent_on = sent_on
    deposit.sent_by = by
    deposit.save(update_fields=["sent_on", "sent_by", "updated_at"])
    audit(by, "repository_deposit.sent", deposit, deposit.published.review)
    return deposit
