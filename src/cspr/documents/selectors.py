"""Reads: a review's documents, its final report, checklist, feedback and anonymisation check,
and what still stops the report being final or published."""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from cspr.documents.models import (
    AnonymisationHit,
    AnonymisationScan,
    Document,
    DocumentComment,
    DocumentKind,
    DocumentVersion,
    FeedbackPoint,
    ReportChecklistItem,
)
from cspr.documents.report_content import REPORT_CONTENT, ContentItem
from cspr.reviews.models import Review


def documents_of(review: Review) -> QuerySet[Document]:
    """With their versions newest first (and who uploaded them) and open comment counts."""
    versions = DocumentVersion.objects.select_related("uploaded_by")
    return (
        Document.objects.filter(review=review)
        .annotate(
            open_comments=Count(
                "versions__comments", filter=Q(versions__comments__resolved_at__isnull=True)
            )
        )
        .prefetch_related(Prefetch("versions", queryset=versions))
    )


def versions_with_comments(document: Document) -> list[DocumentVersion]:
    comments = DocumentComment.objects.select_related("author", "resolved_by")
    return list(
        document.versions.select_related("uploaded_by").prefetch_related(
            Prefetch("comments", queryset=comments)
        )
    )


def report_versions(review: Review) -> QuerySet[DocumentVersion]:
    """Versions of the draft and final reports, for feedback to point at."""
    return DocumentVersion.objects.filter(
        document__review=review,
        document__kind__in=[DocumentKind.DRAFT_REPORT, DocumentKind.FINAL_REPORT],
    ).select_related("document")


def final_report(review: Review) -> Document | None:
    return Document.objects.filter(review=review, kind=DocumentKind.FINAL_REPORT).first()


def latest_final_version(review: Review) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.filter(
            document__review=review, document__kind=DocumentKind.FINAL_REPORT
        )
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class ChecklistRow:
    item: ContentItem
    record: ReportChecklistItem | None


def checklist_rows(review: Review) -> list[ChecklistRow]:
    records = {
        r.key: r
        for r in ReportChecklistItem.objects.filter(review=review).select_related("completed_by")
    }
    return [ChecklistRow(item, records.get(item.key)) for item in REPORT_CONTENT]


def checklist_state(review: Review) -> str:
    """The checklist's version: a digest of every item's pointer. The page keeps it, and the
    checklist is refused if it changed since (two people completing it at once)."""
    pairs = ReportChecklistItem.objects.filter(review=review).values_list("key", "where_in_report")
    digest = hashlib.sha256(repr(sorted(pairs)).encode())
    return digest.hexdigest()[:32]


def feedback_points(review: Review) -> QuerySet[FeedbackPoint]:
    return FeedbackPoint.objects.filter(review=review).select_related(
        "raised_by", "responded_by", "closed_by", "report_version__document"
    )


def latest_scan(review: Review) -> AnonymisationScan | None:
    return (
        AnonymisationScan.objects.filter(review=review)
        .select_related("version__document", "created_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def scan_hits(scan: AnonymisationScan) -> list[AnonymisationHit]:
    return list(scan.hits.select_related("cleared_by"))


# What stops the report being marked final (registered in cspr.reviews.services).


def final_report_uploaded(review: Review) -> str | None:
    if latest_final_version(review) is None:
        return "Upload the final report."
    return None


def checklist_complete(review: Review) -> str | None:
    done = set(ReportChecklistItem.objects.filter(review=review).values_list("key", flat=True))
    missing = [item.short for item in REPORT_CONTENT if item.key not in done]
    if not missing:
        return None
    return (
        "Complete the report content checklist (REPORT-CONTENT): say where the report covers "
        f"{_listed(missing)}."
    )


def feedback_closed(review: Review) -> str | None:
    count = FeedbackPoint.objects.filter(review=review, closed_on__isnull=True).count()
    if count == 0:
        return None
    points = "point" if count == 1 else "points"
    return (
        f"Close the {count} open {points} of quality feedback from the partners and the "
        "Panel: record the response to each and close it."
    )


FINAL_REPORT_CHECKS = (final_report_uploaded, checklist_complete, feedback_closed)


def publication_problems(review: Review) -> list[str]:
    """What stops the report being cleared for publication: the anonymisation check must cover
    the latest version of the final report, with every hit cleared."""
    version = latest_final_version(review)
    if version is None:
        return ["Upload the final report."]
    scan = latest_scan(review)
    if scan is None:
        return ["Run the anonymisation check on the final report."]
    if scan.version_id != version.pk:
        return [
            f"Version {version.number} of the final report has not been checked: run the "
            "anonymisation check again."
        ]
    waiting = scan.hits.filter(cleared_on__isnull=True).count()
    if waiting:
        hits = "hit" if waiting == 1 else "hits"
        return [f"Clear every hit of the anonymisation check: {waiting} {hits} not cleared yet."]
    return []


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
