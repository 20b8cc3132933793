"""Action plans (ACTIONS, SOURCES.md §3.5): one plan per case, its recommendations (from the
review's report, or the Rapid Review's immediate actions) with the partnership's response, and
the actions that carry them out, with an owning agency, a named owner, dates, a status, updates
with evidence, and a measure and evidence of impact. The partners sign the plan off and later
review its impact."""

import datetime as dt
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cspr.actions.workflow import ActionStatus, PlanState, is_overdue, shown_status
from cspr.core.models import TimestampedModel, VersionedModel
from cspr.documents.filetypes import BY_CONTENT_TYPE
from cspr.partnerships.models import StatutoryPartner


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def visible_to(self, user: Any) -> "ActionPlanQuerySet":
        """The plans a person sees at least part of (see ``permissions.plan_scope``)."""
        from cspr.actions.permissions import plan_scope  # noqa: PLC0415

        return self.filter(plan_scope(user))


class ActionPlan(VersionedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="action_plan")
    state = models.CharField(max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sign_off_round = models.PositiveSmallIntegerField(
        default=1, help_text="Goes up each time a signed-off plan returns to draft."
    )
    signed_off_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(state=PlanState.DRAFT, signed_off_on__isnull=True)
                | (~Q(state=PlanState.DRAFT) & Q(signed_off_on__isnull=False)),
                name="action_plan_signed_off_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state=PlanState.CLOSED, closed_on__isnull=False)
                | (~Q(state=PlanState.CLOSED) & Q(closed_on__isnull=True)),
                name="action_plan_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Action plan of case {self.case_id}"

    @property
    def is_draft(self) -> bool:
        return self.state == PlanState.DRAFT


class RecommendationSource(models.TextChoices):
    REVIEW = "review", "The review's report"
    RAPID_REVIEW = "rapid_review", "Rapid Review immediate action"


class Response(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


# ACTIONS: a response other than "accepted" needs its reasons; an accepted (or partly accepted)
# recommendation needs at least one action before the plan is signed off.
NEEDS_REASONS = frozenset({Response.PARTLY.value, Response.NOT_ACCEPTED.value})
NEEDS_ACTIONS = frozenset({Response.ACCEPTED.value, Response.PARTLY.value})


class Recommendation(VersionedModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("the recommendation")
    source = models.CharField(
        max_length=20, choices=RecommendationSource.choices, default=RecommendationSource.REVIEW
    )
    immediate_action = models.OneToOneField(
        "rapid_reviews.ImmediateAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation",
        help_text="The Rapid Review's immediate action it was brought in from, if any.",
    )
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    response_reasons = models.TextField("reasons for the response", blank=True)
    themes = models.ManyToManyField("learning.Theme", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("number",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendation_number_once"),
            models.CheckConstraint(
                condition=Q(response__in=["", Response.ACCEPTED]) | ~Q(response_reasons=""),
                name="recommendation_reasons_unless_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} of plan {self.plan_id}"

    @property
    def needs_reasons(self) -> bool:
        return self.response in NEEDS_REASONS

    @property
    def needs_actions(self) -> bool:
        return self.response in NEEDS_ACTIONS


class Action(VersionedModel):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    number = models.PositiveSmallIntegerField()
    what = models.TextField("what will be done")
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="plan_actions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions"
    )
    starts_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_on = models.DateField(null=True, blank=True)
    impact_measure = models.TextField(
        "how we will know it has made a difference for children", blank=True
    )
    impact_evidence = models.TextField("evidence of impact", blank=True)
    reminded_on = models.DateField(
        null=True, blank=True, help_text="The day the owner was last reminded it is overdue."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("recommendation__number", "number")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["recommendation", "number"], name="action_number_once"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("starts_on")), name="action_due_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.COMPLETE, completed_on__isnull=False)
                | (~Q(status=ActionStatus.COMPLETE) & Q(completed_on__isnull=True)),
                name="action_complete_has_date",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["due_on", "status"], name="action_by_due"),
            models.Index(fields=["owner", "due_on"], name="action_by_owner"),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    @property
    def label(self) -> str:
        """The recommendation's number, then the action's: "Action 2.1"."""
        return f"Action {self.recommendation.number}.{self.number}"

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(status=self.status, due_on=self.due_on, today=today)

    def shown_status(self, today: dt.date) -> str:
        return shown_status(status=self.status, due_on=self.due_on, today=today)


class ActionUpdate(TimestampedModel):
    """What the owning agency reported, with the status it reported and whether the action was
    overdue on that day (a record of that day, not a status kept up to date)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField("progress")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    was_overdue = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Update {self.pk} of action {self.action_id}"


def evidence_path(instance: "ActionEvidence", filename: str) -> str:
    """A random name that says nothing about the case (the person's name for the file is kept
    only to name the download)."""
    file_type = BY_CONTENT_TYPE.get(instance.content_type)
    extension = f".{file_type.extension}" if file_type else ""
    return f"action-evidence/{uuid.uuid4().hex}{extension}"


class ActionEvidence(TimestampedModel):
    """A file sent with an update: evidence of completion or of impact."""

    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)
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
        ordering = ("pk",)
        verbose_name_plural = "action evidence"

    def __str__(self) -> str:
        return f"Evidence {self.pk}"


class PlanSignOff(TimestampedModel):
    """One safeguarding partner's sign-off of one round of the plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="sign_offs")
    round = models.PositiveSmallIntegerField()
    statutory_partner = models.CharField(max_length=40, choices=StatutoryPartner.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ("round", "created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["plan", "round", "statutory_partner"], name="plan_signed_once_a_round"
            ),
        ]

    def __str__(self) -> str:
        return f"Sign-off of plan {self.plan_id} by {self.statutory_partner}"


class ImpactReview(TimestampedModel):
    """The partners' review of what the plan changed for children (ACTIONS: "how has life
    improved for children")."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="impact_reviews")
    reviewed_on = models.DateField()
    findings = models.TextField("what has changed for children")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("reviewed_on", "pk")

    def __str__(self) -> str:
        return f"Impact review {self.pk} of plan {self.plan_id}"
