"""The learning library's records. Themes are one vocabulary for the whole deployment, so that
reviews from every partnership can be read together."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.core.models import TimestampedModel, VersionedModel
from cspr.learning.vocabulary import FACETS


class Facet(models.TextChoices):
    HARM = FACETS[0]
    CHILD = FACETS[1]
    FAMILY = FACETS[2]
    PRACTICE = FACETS[3]


class Theme(TimestampedModel):
    """One term of the controlled vocabulary (SOURCES.md §6.3)."""

    facet = models.CharField(max_length=20, choices=Facet.choices)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    cues = models.TextField(
        "words that suggest it",
        blank=True,
        help_text="One word or phrase a line. CSPR suggests the theme when a text contains one.",
    )
    is_active = models.BooleanField("in use", default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("facet", "position", "name")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["facet", "position"])]

    def __str__(self) -> str:
        return self.name

    @property
    def cue_list(self) -> list[str]:
        return [line.strip().lower() for line in self.cues.splitlines() if line.strip()]


class ReviewType(models.TextChoices):
    """What kind of review or learning an item of the library is."""

    CSPR = "cspr", "Child safeguarding practice review"
    SCR = "scr", "Serious case review"
    LOCAL_LEARNING_REVIEW = "local_learning_review", "Local learning review"
    NATIONAL_REVIEW = "national_review", "National review"
    RAPID_REVIEW_LEARNING = "rapid_review_learning", "Learning from a Rapid Review"
    OTHER_LEARNING = "other_learning", "Other learning summary"


class AgeGroup(models.TextChoices):
    """The child's age when the incident happened, in the bands reviews are read by."""

    UNDER_1 = "under_1", "Under 1"
    AGE_1_4 = "1_4", "1 to 4"
    AGE_5_10 = "5_10", "5 to 10"
    AGE_11_15 = "11_15", "11 to 15"
    AGE_16_17 = "16_17", "16 or 17"
    UNKNOWN = "unknown", "Not known"


class Origin(models.TextChoices):
    """How an item came into the library."""

    PUBLISHED = "published", "Published by the partnership in CSPR"
    IMPORTED = "imported", "Imported"
    UPLOADED = "uploaded", "Uploaded file"


class LearningItemQuerySet(models.QuerySet["LearningItem"]):
    def public(self) -> "LearningItemQuerySet":
        """What anyone may read: published to the library and not withdrawn."""
        return self.filter(is_public=True)


class LearningItem(VersionedModel):
    """One review or learning summary in the library: a partnership's own published review
    (``published_report``), one imported from a file, or one made from an uploaded PDF or Word
    file. Only ``is_public`` items are ever shown to the public; an uploaded file is a draft
    until the business unit completes and publishes it."""

    title = models.CharField(max_length=300)
    source_name = models.CharField(
        "partnership",
        max_length=200,
        blank=True,
        help_text="The partnership (or other body) whose review or learning this is.",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_items",
        help_text="The partnership in CSPR that published or uploaded it; empty when imported "
        "for the whole library.",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    review_type = models.CharField(max_length=30, choices=ReviewType.choices, blank=True)
    summary = models.TextField(blank=True)
    key_learning = models.TextField(blank=True)
    text = models.TextField("full text", blank=True)
    url = models.URLField("address of the source", max_length=500, blank=True)
    age_group = models.CharField(
        "child's age group", max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    themes = models.ManyToManyField(Theme, through="ItemTheme", related_name="items")
    origin = models.CharField(max_length=20, choices=Origin.choices)
    published_report = models.OneToOneField(
        "publication.PublishedReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_item",
    )
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    is_public = models.BooleanField(default=False)
    made_public_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = LearningItemQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "title", "pk")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["is_public", "year"], name="learning_item_public_year"),
            models.Index(fields=["partnership", "is_public"], name="learning_item_partnership"),
            models.Index(fields=["source_name"], name="learning_item_source"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~Q(fingerprint=""),
                name="learning_item_not_twice",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False)
                | (Q(year__isnull=False) & ~Q(review_type="") & ~Q(title="") & ~Q(summary="")),
                name="public_learning_item_is_complete",
            ),
            models.CheckConstraint(
                condition=~Q(origin="published") | Q(published_report__isnull=False),
                name="own_learning_item_has_its_report",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Learning item {self.pk}"

    @property
    def source(self) -> str:
        if self.source_name or self.partnership is None:
            return self.source_name
        return self.partnership.name


class ConfirmedBy(models.TextChoices):
    PERSON = "person", "Confirmed by a person"
    IMPORT = "import", "Given in the imported file"


class ItemTheme(TimestampedModel):
    """A theme of an item. CSPR suggests themes from the text (``reasons``: the words that
    triggered it); a theme is the item's only once it is confirmed, by a person or by the file
    it was imported from (``confirmed_via``)."""

    item = models.ForeignKey(LearningItem, on_delete=models.CASCADE, related_name="item_themes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="item_themes")
    reasons = models.JSONField("words that suggested it", default=list, blank=True)
    score = models.FloatField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_via = models.CharField(max_length=10, choices=ConfirmedBy.choices, blank=True)

    class Meta:
        ordering = ("theme__facet", "theme__position", "theme__name")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["item", "theme"], name="item_theme_once"),
            models.CheckConstraint(
                condition=(Q(confirmed_at__isnull=True) & Q(confirmed_via=""))
                | (Q(confirmed_at__isnull=False) & ~Q(confirmed_via="")),
                name="item_theme_confirmation_complete",
            ),
            models.CheckConstraint(
                condition=~Q(confirmed_via="person") | Q(confirmed_by__isnull=False),
                name="item_theme_confirmed_by_someone",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["theme", "confirmed_at"], name="item_theme_confirmed"),
        ]

    def __str__(self) -> str:
        return f"Theme {self.theme_id} of item {self.item_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class UploadBatch(TimestampedModel):
    """Files a business unit uploaded together; each becomes a draft item once its text is
    read (one background task a file)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="learning_batches"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Upload batch {self.pk}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    EXTRACTED = "extracted", "Text read"
    FAILED = "failed", "Could not be read"


class FailureReason(models.TextChoices):
    WRONG_TYPE = "wrong_type", "It is not a PDF or a Word document (.docx)"
    TOO_LARGE = "too_large", "It is too large"
    EMPTY_FILE = "empty_file", "The file is empty"
    ENCRYPTED = "encrypted", "It is protected by a password"
    UNREADABLE = "unreadable", "It is damaged or could not be read"
    NO_TEXT = "no_text", "It has no text to read (a scan or a picture of a document)"
    DUPLICATE = "duplicate", "The same file is already in the library"


def upload_path(instance: Any, filename: str) -> str:
    """A path that says nothing about the file: a random name in one folder."""
    return f"learning/{uuid.uuid4().hex}"


class UploadedFile(TimestampedModel):
    """One file of a batch, and what became of it: read into a draft item, or not read and
    why. A file that could not be read stays here with its reason, so nothing is lost."""

    batch = models.ForeignKey(UploadBatch, on_delete=models.CASCADE, related_name="files")
    original_name = models.CharField(max_length=200)
    file = models.FileField(upload_to=upload_path, blank=True, max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=20, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    failure = models.CharField(max_length=20, choices=FailureReason.choices, blank=True)
    failure_detail = models.CharField(max_length=300, blank=True)
    item = models.OneToOneField(
        LearningItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_file",
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure=""),
                name="failed_upload_says_why",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["batch", "status"], name="learning_upload_status"),
            models.Index(fields=["sha256"], name="learning_upload_sha256"),
        ]

    def __str__(self) -> str:
        return f"Uploaded file {self.pk}"
