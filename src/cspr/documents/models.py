"""Documents of a review with their versions and comments; the final report's REPORT-CONTENT
checklist and quality feedback; the anonymisation check and its hits."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.core.models import TimestampedModel, VersionedModel
from cspr.documents.filetypes import BY_CONTENT_TYPE
from cspr.documents.report_content import ContentKey


class DocumentKind(models.TextChoices):
    FINAL_REPORT = "final_report", "Final report"
    DRAFT_REPORT = "draft_report", "Draft report"
    MINUTES = "minutes", "Minutes"
    AGENCY_REPORT = "agency_report", "Agency report"
    OTHER = "other", "Other"


class Document(TimestampedModel):
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("kind", "title", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(kind="final_report"),
                name="one_final_report_per_review",
            ),
        ]

    def __str__(self) -> str:
        return f"Document {self.pk}"

    @property
    def is_final_report(self) -> bool:
        return self.kind == DocumentKind.FINAL_REPORT


def version_path(instance: "DocumentVersion", filename: str) -> str:
    """Where a version is stored: a random name that says nothing about the case or child
    (the name the person gave the file is kept only for downloading)."""
    file_type = BY_CONTENT_TYPE.get(instance.content_type)
    extension = f".{file_type.extension}" if file_type else ""
    return f"documents/{uuid.uuid4().hex}{extension}"


class DocumentVersion(TimestampedModel):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=version_path, max_length=200)
    original_name = models.CharField(
        max_length=120, help_text="Sanitised; used only as the name of the download."
    )
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-number", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of document {self.document_id}"

    @property
    def type_label(self) -> str:
        file_type = BY_CONTENT_TYPE.get(self.content_type)
        return file_type.short if file_type else self.content_type


class DocumentComment(TimestampedModel):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"Comment {self.pk}"


class ReportChecklistItem(TimestampedModel):
    """Where the final report covers one item of REPORT-CONTENT."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="report_checklist"
    )
    key = models.CharField(max_length=30, choices=ContentKey.choices)
    where_in_report = models.CharField(max_length=300)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField()

    class Meta:
        ordering = ("pk",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "key"], name="report_checklist_item_once"),
            models.CheckConstraint(
                condition=~Q(where_in_report=""), name="report_checklist_item_has_pointer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} of review {self.review_id}"


class FeedbackSource(models.TextChoices):
    PARTNERS = "partners", "The safeguarding partners"
    PANEL = "panel", "The Child Safeguarding Practice Review Panel"


class FeedbackPoint(VersionedModel):
    """One point of quality feedback on a draft, answered and closed before the report is
    final."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="feedback_points"
    )
    # The report version the point is about (``version`` is the record's edit version).
    report_version = models.ForeignKey(
        DocumentVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=20, choices=FeedbackSource.choices)
    point = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("pk",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(response=""),
                name="feedback_closed_with_a_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback point {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class AnonymisationScan(TimestampedModel):
    """One run of the anonymisation check over one version of the final report."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="anonymisation_scans"
    )
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="scans")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    terms_searched = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"Anonymisation check {self.pk}"


class TermKind(models.TextChoices):
    NAME = "name", "Name"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth"
    ADDRESS = "address", "Address"
    PLACE = "place", "School, nursery or GP practice"
    OTHER = "other", "Other"


class AnonymisationHit(TimestampedModel):
    """Something recorded in the case found in the report. ``term`` and ``context`` are
    personal data: shown to the business unit only, never written to the audit trail or logs."""

    scan = models.ForeignKey(AnonymisationScan, on_delete=models.CASCADE, related_name="hits")
    term_kind = models.CharField(max_length=20, choices=TermKind.choices)
    term = models.CharField(max_length=300)
    context = models.TextField()
    location = models.CharField("page or paragraph", max_length=60)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cleared_on = models.DateField(null=True, blank=True)
    clearance_note = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(cleared_on__isnull=True) | ~Q(clearance_note=""),
                name="hit_cleared_with_a_note",
            ),
        ]

    def __str__(self) -> str:
        return f"Anonymisation hit {self.pk}"

    @property
    def is_cleared(self) -> bool:
        return self.cleared_on is not None
