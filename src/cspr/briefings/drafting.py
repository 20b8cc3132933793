"""The first draft of a learning product, from what the review recorded.

Sources, in order of preference: the published report's summary (it went through the
anonymisation check and is already public), else the case's referral (the kind of incident,
whether abuse or neglect was known or suspected, the child's status and the outline), the Rapid
Review's learning, the review's kind and methodology, and the addresses of the published
pages. The child's identity (``cases.ChildIdentity``) is never read here: a learning product
names the child by pseudonym only. The sections the review did not record (good practice, what
to do differently) are left for the business unit to write. What the partnership is changing
comes from the review's recommendations in its action plan (``cspr.actions``), leaving out any
the partnership did not accept."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from cspr.accounts.models import User
from cspr.actions import selectors as actions
from cspr.actions.models import RecommendationSource, Response
from cspr.briefings.models import KIND_SLUGS, LearningProduct, ProductKind
from cspr.briefings.workflow import ProductState
from cspr.cases.models import AbuseOrNeglect, Case, ChildStatus, IncidentKind
from cspr.publication import selectors as publication
from cspr.publication.models import PublishedReport
from cspr.reviews.models import Methodology, Review, ReviewKind

# Wandsworth's three standing questions (SOURCES.md §3.7, S35d), for every briefing.
STANDING_QUESTIONS = (
    "What are your key thoughts and reflections on this learning?",
    "How will you embed this learning in your practice, and how will you know it is embedded?",
    "How will you build it into your team's or service's improvement plan?",
)

WHY_IT_MATTERS = {
    ReviewKind.LOCAL_CSPR: "A child safeguarding practice review looks at how agencies worked "
    "together when a child died or was seriously harmed and abuse or neglect was known or "
    "suspected. It does not blame anyone: it asks what would help practitioners keep other "
    "children safe.",
    ReviewKind.LOCAL_LEARNING_REVIEW: "A local learning review looks at how agencies worked "
    "together for a child, in proportion to what can be learnt. It does not blame anyone: it "
    "asks what would help practitioners keep other children safe.",
    ReviewKind.NATIONAL_CONTRIBUTION: "The national Child Safeguarding Practice Review Panel "
    "reviewed this case with the partnership's contribution. Its learning applies here as "
    "much as anywhere.",
}

ABUSE = {
    AbuseOrNeglect.KNOWN: "Abuse or neglect was known.",
    AbuseOrNeglect.SUSPECTED: "Abuse or neglect was suspected.",
    AbuseOrNeglect.NOT_SUSPECTED: "",
}
INCIDENT = {
    IncidentKind.DEATH: "died",
    IncidentKind.SUSPECTED_SUICIDE: "died (suspected suicide)",
    IncidentKind.SERIOUS_HARM: "was seriously harmed",
}


def product_slug(review: Review, kind: str) -> str:
    """The public address: partnership, pseudonym and kind (never a name or the reference)."""
    case = review.case
    return slugify(f"{case.partnership.slug} {case.pseudonym} {KIND_SLUGS[ProductKind(kind)]}")[
        :150
    ]


def absolute(path: str) -> str:
    return f"{settings.CSPR_BASE_URL}{path}"


def public_product_url(slug: str) -> str:
    return reverse("public_briefings:detail", kwargs={"slug": slug})


def published_report_of(review: Review) -> PublishedReport | None:
    """The review's report (or improvements information) while it is on the public pages."""
    report = publication.published_report_of(review)
    return report if report is not None and report.is_available else None


def _from_referral(case: Case) -> str:
    statuses = [
        ChildStatus(s).label.lower()
        for s in case.child_statuses
        if s in ChildStatus.values and s != ChildStatus.NONE_KNOWN
    ]
    known = f" The child was known to services ({'; '.join(statuses)})." if statuses else ""
    first = f"{case.pseudonym} {INCIDENT[IncidentKind(case.incident_kind)]}."
    return " ".join(
        part
        for part in (first + known, ABUSE[AbuseOrNeglect(case.abuse_or_neglect)])
        if part.strip()
    ) + (f"\n\n{case.case_outline.strip()}" if case.case_outline.strip() else "")


def _key_facts(review: Review, report: PublishedReport | None) -> str:
    label = ReviewKind(review.kind).label
    lines = [f"- A {label[0].lower()}{label[1:]}, using a {_methodology(review)}."]
    if review.completed_on:
        lines.append(f"- The report was completed in {review.completed_on:%B %Y}.")
    if report is not None:
        what = "information about improvements" if report.is_improvements_information else "report"
        lines.append(f"- The {what} was published on {report.published_on:%-d %B %Y}.")
    return "\n".join(lines)


def _methodology(review: Review) -> str:
    label = Methodology(review.methodology).label
    if review.methodology == Methodology.OTHER:
        return "method agreed by the partners"
    return label[0].lower() + label[1:]


def _rapid_review_learning(case: Case) -> str:
    rapid_review: Any = getattr(case, "rapid_review", None)
    return (rapid_review.learning_identified or "").strip() if rapid_review else ""


def _recommendations(review: Review, by: User) -> str:
    """The review's recommendations, as the drafter sees them in the action plan, one a line;
    those the partnership did not accept are left out."""
    plan = actions.plan_of(review.case)
    if plan is None:
        return ""
    view = actions.plan_view(plan=plan, user=by, today=timezone.localdate())
    return "\n".join(
        f"- {row.recommendation.text.strip()}"
        for row in view.recommendations
        if row.recommendation.source == RecommendationSource.REVIEW
        and row.recommendation.response != Response.NOT_ACCEPTED
        and row.recommendation.text.strip()
    )


def _links(review: Review, kind: str, report: PublishedReport | None) -> str:
    partnership = review.case.partnership
    lines = []
    if report is not None:
        what = (
            "The information about improvements"
            if report.is_improvements_information
            else ("The full report")
        )
        path = reverse(
            "published:report",
            kwargs={"partnership_slug": partnership.slug, "report_id": report.pk},
        )
        lines.append(f"{what}: {absolute(path)}")
    other = next(k for k in ProductKind.values if k != kind)
    sibling = LearningProduct.objects.filter(
        review=review, kind=other, state=ProductState.PUBLISHED
    ).first()
    if sibling is not None:
        lines.append(
            f"The {ProductKind(other).label}: {absolute(public_product_url(sibling.slug))}"
        )
    published = reverse("published:partnership", kwargs={"partnership_slug": partnership.slug})
    lines.append(f"All of the partnership's published reviews: {absolute(published)}")
    return "\n".join(lines)


def draft_content(review: Review, kind: str, by: User) -> dict[str, str]:
    """The first draft of every section of a ``kind`` product of ``review``, drafted by
    ``by``."""
    case = review.case
    report = published_report_of(review)
    summary = report.summary.strip() if report is not None else ""
    improvements = report is not None and report.is_improvements_information
    return {
        "title": f"{case.pseudonym}: {ProductKind(kind).label}",
        "what_happened": summary if summary and not improvements else _from_referral(case),
        "why_it_matters": WHY_IT_MATTERS[ReviewKind(review.kind)],
        "key_facts": _key_facts(review, report),
        "key_learning": _rapid_review_learning(case),
        "good_practice": "",
        "do_differently": "",
        "partnership_changes": _recommendations(review, by) or (summary if improvements else ""),
        "reflection_questions": "\n".join(STANDING_QUESTIONS),
        "links": _links(review, kind, report),
    }


def drafted_from_report(review: Review) -> bool:
    report = published_report_of(review)
    return report is not None and not report.is_improvements_information
