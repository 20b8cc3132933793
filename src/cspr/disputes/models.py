"""A difference of opinion on a case (DISPUTE), and the dated stages it goes through."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cspr.core.models import TimestampedModel, VersionedModel
from cspr.disputes.workflow import DisputeState, Stage


class DisputeSubject(models.TextChoices):
    TRIAGE = "triage", "The triage decision"
    RAPID_REVIEW_RECOMMENDATION = (
        "rapid_review_recommendation",
        "The Rapid Review's recommendation",
    )
    PARTNERS_DECISION = "partners_decision", "The safeguarding partners' decision"
    PANEL_RESPONSE = "panel_response", "The Panel's response"
    SCOPING_RETURN = "scoping_return", "A scoping return"
    OTHER = "other", "Something else"


class DisputeQuerySet(models.QuerySet["Dispute"]):
    def visible_to(self, user: Any) -> "DisputeQuerySet":
        """Those who can see the case see its disputes; the independent scrutineer sees every
        dispute of their partnership (but not the cases)."""
        from cspr.disputes.permissions import dispute_scope  # noqa: PLC0415

        return self.filter(dispute_scope(user))


class Dispute(VersionedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="disputes")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_for_agency = models.ForeignKey(
        "partnerships.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency the person who raised it represents.",
    )
    subject = models.CharField(max_length=40, choices=DisputeSubject.choices)
    summary = models.TextField("what the difference of opinion is")
    state = models.CharField(max_length=20, choices=DisputeState.choices, default=DisputeState.OPEN)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(state=DisputeState.OPEN, resolved_on__isnull=True)
                | Q(state=DisputeState.RESOLVED, resolved_on__isnull=False),
                name="dispute_resolved_has_date",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["case", "state"], name="dispute_by_case"),
        ]

    def __str__(self) -> str:
        return f"Difference of opinion {self.pk} on case {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.state == DisputeState.OPEN

    @property
    def current_stage(self) -> "DisputeStage | None":
        """The stage reached (the running one while open), from the prefetched stages."""
        stages = list(self.stages.all())
        return max(stages, key=lambda s: s.stage) if stages else None


class DisputeStage(TimestampedModel):
    """One stage of a dispute: when it started, when it ended, and its outcome."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="stages")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who recorded the stage's outcome.",
    )

    class Meta:
        ordering = ("stage",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["dispute", "stage"], name="dispute_stage_once"),
            models.UniqueConstraint(
                fields=["dispute"],
                condition=Q(ended_on__isnull=True),
                name="dispute_one_running_stage",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="dispute_stage_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(stage__gte=Stage.DISCUSSION, stage__lte=Stage.MEDIATION),
                name="dispute_stage_known",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, recorded_by__isnull=True)
                | Q(ended_on__isnull=False, recorded_by__isnull=False),
                name="dispute_stage_end_recorded_by",
            ),
        ]

    def __str__(self) -> str:
        return f"Stage {self.stage} of difference of opinion {self.dispute_id}"

    @property
    def is_running(self) -> bool:
        return self.ended_on is None
