"""A review opened from a decided case (CSPR-COMPLETE, LLR-COMPLETE)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.core.models import TimestampedModel, VersionedModel
from cspr.partnerships.models import StatutoryPartner
from cspr.reviews.workflow import ReviewState


class ReviewKind(models.TextChoices):
    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    LOCAL_LEARNING_REVIEW = "local_learning_review", "Local learning review"
    NATIONAL_CONTRIBUTION = "national_contribution", "Local contribution to a national review"


# The rule whose date the review must be completed by; a national review is the Panel's.
COMPLETION_RULE = {
    ReviewKind.LOCAL_CSPR: "CSPR-COMPLETE",
    ReviewKind.LOCAL_LEARNING_REVIEW: "LLR-COMPLETE",
}


class Methodology(models.TextChoices):
    SYSTEMS = "systems", "Systems approach"
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    SILP = "silp", "Significant incident learning process (SILP)"
    PRACTITIONER_EVENT = "practitioner_event", "Practitioner learning event"
    AUDIT = "audit", "Multi-agency audit"
    OTHER = "other", "Other"


class Review(VersionedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="review")
    kind = models.CharField(max_length=30, choices=ReviewKind.choices)
    state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.OPEN)
    decided_on = models.DateField("date the partners decided to start it")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    methodology = models.CharField(max_length=30, choices=Methodology.choices)
    methodology_notes = models.TextField(blank=True)
    panel_members = models.TextField(
        "review panel members", blank=True, help_text="One a line: name, role, agency."
    )
    family_not_invited_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Review of case {self.case_id}"

    @property
    def completion_rule(self) -> str | None:
        return COMPLETION_RULE.get(ReviewKind(self.kind))


class Commission(TimestampedModel):
    """An independent reviewer's commission: access to this case only, for its length."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="commissions")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commissions"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    commissioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("starts_on",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="commission_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Commission {self.pk}"


class TermsOfReference(TimestampedModel):
    """One version of the terms of reference; each version is approved by the partners."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField()
    scope_from = models.DateField()
    scope_to = models.DateField()
    lines_of_enquiry = models.TextField()
    agencies_in_scope = models.ManyToManyField("partnerships.Agency", related_name="+")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("number",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "number"], name="terms_version_once"),
            models.CheckConstraint(
                condition=Q(scope_to__gte=models.F("scope_from")), name="terms_scope_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of reference v{self.number}"


class TermsApproval(TimestampedModel):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="approvals")
    statutory_partner = models.CharField(max_length=40, choices=StatutoryPartner.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["terms", "statutory_partner"], name="terms_approved_once_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"Approval of terms {self.terms_id} by {self.statutory_partner}"


class ParticipantKind(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    FAMILY = "family", "Family member"


class ParticipationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ATTENDED = "attended", "Attended"
    CONTRIBUTED = "contributed", "Contributed"
    DECLINED = "declined", "Declined"


class Participant(VersionedModel):
    """A practitioner or family member asked to take part (REPORT-CONTENT: how practitioners
    and the family, surviving children included, took part)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(max_length=20, choices=ParticipantKind.choices)
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("role or relationship to the child", max_length=200)
    is_child = models.BooleanField("a surviving child", default=False)
    status = models.CharField(
        max_length=20, choices=ParticipationStatus.choices, default=ParticipationStatus.INVITED
    )
    invited_on = models.DateField()
    how_views_gathered = models.TextField(blank=True)

    class Meta:
        ordering = ("kind", "name")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(kind="practitioner") | Q(agency__isnull=False),
                name="practitioner_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"Participant {self.pk}"


class ReviewerRequest(TimestampedModel):
    """The partners' requests to the reviewer for information or drafts (regulation 14)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="requests")
    what = models.TextField()
    requested_on = models.DateField()
    due_on = models.DateField()
    fulfilled_on = models.DateField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("requested_on", "pk")

    def __str__(self) -> str:
        return f"Request {self.pk}"
