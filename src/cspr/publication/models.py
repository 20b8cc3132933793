"""Publishing a review's report: the plan and its copies (PRE-PUBLICATION), delays
(PUBLISH-DELAY), the report or improvements information made public (PUBLISH-DEFAULT,
PUBLISH-LOCAL, PUBLISH-NATIONAL) and its deposit with the national case review repository."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cspr.core.models import TimestampedModel, VersionedModel


class Recipient(models.TextChoices):
    """Who gets a copy before publication (PRE-PUBLICATION)."""

    PANEL = "panel", "The Child Safeguarding Practice Review Panel"
    SECRETARY_OF_STATE = "secretary_of_state", "The Secretary of State for Education"
    OFSTED = "ofsted", "Ofsted"


class Decision(models.TextChoices):
    PUBLISH = "publish", "Publish the report"
    NOT_PUBLISH = "not_publish", "Do not publish: publish the information about improvements"


class DelayReason(models.TextChoices):
    """Why publication waits (PUBLISH-DELAY)."""

    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
    INQUEST = "inquest", "Inquest"
    FAMILY_PROCEEDINGS = "family_proceedings", "Family proceedings"
    OTHER = "other", "Other"


class PublicationPlan(VersionedModel):
    """One per review: the planned publication date, from which PRE-PUBLICATION counts back,
    and the partners' decision once it is recorded."""

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, related_name="publication_plan"
    )
    planned_on = models.DateField("planned publication date")
    copies_late_reason = models.TextField("why the copies were not all sent in time", blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    not_publishing_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(decision="not_publish") | ~Q(not_publishing_reason=""),
                name="not_publishing_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Publication plan of review {self.review_id}"


class PrepublicationCopy(TimestampedModel):
    """The report (or the improvements information) sent to one recipient before publication."""

    plan = models.ForeignKey(PublicationPlan, on_delete=models.CASCADE, related_name="copies")
    recipient = models.CharField(max_length=30, choices=Recipient.choices)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("recipient",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["plan", "recipient"], name="one_copy_per_recipient"),
        ]

    def __str__(self) -> str:
        return f"Copy to {self.recipient}"


class PublicationDelay(VersionedModel):
    """Publication waits while this is open (PUBLISH-DELAY); the business unit is reminded on
    ``review_on`` to look at it again."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="publication_delays"
    )
    reason = models.CharField(max_length=30, choices=DelayReason.choices)
    details = models.TextField(blank=True)
    review_on = models.DateField("date to look at it again")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(details=""), name="other_delay_has_details"
            ),
        ]

    def __str__(self) -> str:
        return f"Publication delay {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


def published_file_path(instance: Any, filename: str) -> str:
    """A path that says nothing about the case: a random name in one folder."""
    return f"published/{uuid.uuid4().hex}.pdf"


class PublishedReport(TimestampedModel):
    """What the public sees: the anonymised report, or the information about improvements
    when the partners decided not to publish (PUBLISH-DEFAULT)."""

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.PROTECT, related_name="published_report"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField()
    file = models.FileField(upload_to=published_file_path, blank=True, max_length=200)
    file_size = models.PositiveIntegerField(default=0)
    is_improvements_information = models.BooleanField(default=False)
    published_on = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    earliest_takedown_on = models.DateField()
    takedown_rule = models.CharField(max_length=30)
    taken_down_on = models.DateField(null=True, blank=True)
    takedown_reason = models.TextField(blank=True)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-published_on", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(earliest_takedown_on__gt=F("published_on")),
                name="published_report_kept_after_publication",
            ),
            models.CheckConstraint(
                condition=Q(taken_down_on__isnull=True)
                | Q(taken_down_on__gte=F("earliest_takedown_on")),
                name="published_report_not_taken_down_early",
            ),
            models.CheckConstraint(
                condition=Q(is_improvements_information=True) | ~Q(file=""),
                name="published_report_has_its_file",
            ),
        ]

    def __str__(self) -> str:
        return f"Published report {self.pk}"

    @property
    def is_available(self) -> bool:
        return self.taken_down_on is None


class RepositoryDeposit(TimestampedModel):
    """The published report, its metadata and a covering e-mail for the national case review
    repository (SOURCES.md §2, R-NSPCC-DEPOSIT: good practice, not statute)."""

    published = models.OneToOneField(
        PublishedReport, on_delete=models.CASCADE, related_name="deposit"
    )
    prepared_on = models.DateField()
    metadata = models.JSONField(default=dict)
    covering_email = models.TextField()
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True) | Q(sent_on__gte=F("prepared_on")),
                name="deposit_sent_after_it_was_prepared",
            ),
        ]

    def __str__(self) -> str:
        return f"Repository deposit {self.pk}"
