"""A Rapid Review: one per notified case (RR-PURPOSE, RAPID-REVIEW)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.core.models import TimestampedModel, VersionedModel
from cspr.partnerships.models import StatutoryPartner
from cspr.rapid_reviews.criteria import Outcome
from cspr.rapid_reviews.workflow import ReturnState, ReviewState


class PanelResponse(models.TextChoices):
    AGREES = "agrees", "Agrees with the recommendation"
    DISAGREES = "disagrees", "Disagrees with the recommendation"
    NATIONAL_REVIEW = "national_review", "Will carry out a national review"
    ASKS_FOR_LOCAL_REVIEW = "asks_for_local_review", "Asks for a local review"


class RapidReview(VersionedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="rapid_review")
    state = models.CharField(
        max_length=20, choices=ReviewState.choices, default=ReviewState.GATHERING
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField()

    # The meeting and the four RR-PURPOSE sections
    meeting_date = models.DateField(null=True, blank=True)
    attendees = models.TextField(blank=True)
    facts = models.TextField("the facts, as far as they are readily established", blank=True)
    immediate_action = models.TextField("immediate action needed to keep children safe", blank=True)
    improvements = models.TextField("potential for identifying improvements", blank=True)
    next_steps = models.TextField("next steps, including whether to undertake a review", blank=True)
    learning_identified = models.TextField(blank=True)
    criteria = models.JSONField(default=dict, blank=True)
    recommended_outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    rationale = models.TextField(blank=True)
    missing_returns_reason = models.TextField(blank=True)
    decision_round = models.PositiveSmallIntegerField(default=1)
    decided_on = models.DateField(null=True, blank=True)

    # To the Panel and back (RAPID-REVIEW, PANEL-RESPONSE)
    late_reason = models.TextField(blank=True)
    expected_on = models.DateField(null=True, blank=True)
    sent_to_panel_on = models.DateField(null=True, blank=True)
    panel_response = models.CharField(max_length=30, choices=PanelResponse.choices, blank=True)
    panel_response_on = models.DateField(null=True, blank=True)
    panel_response_note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Rapid Review of case {self.case_id}"

    def criterion(self, key: str) -> dict[str, object]:
        value = self.criteria.get(key, {})
        return value if isinstance(value, dict) else {}


class Invitation(TimestampedModel):
    """An agency asked for its scoping return (SCOPING-RETURN runs from ``invited_on``)."""

    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="invitations"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="+")
    invited_on = models.DateField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_on_day_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("agency__name",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["rapid_review", "agency"], name="invitation_once")
        ]

    def __str__(self) -> str:
        return f"Invitation of agency {self.agency_id}"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class CriteriaView(models.TextChoices):
    MET = "met", "The criteria for a review are met"
    NOT_MET = "not_met", "The criteria for a review are not met"
    UNSURE = "unsure", "Not sure"


class ScopingReturn(VersionedModel):
    """An agency's scoping return (individual agency summary), SOURCES.md §3.3."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="scoping_return"
    )
    state = models.CharField(max_length=20, choices=ReturnState.choices, default=ReturnState.DRAFT)
    author_name = models.CharField(max_length=200, blank=True)
    author_role = models.CharField(max_length=200, blank=True)
    safeguarding_lead = models.CharField(
        "safeguarding lead who signed it off", max_length=200, blank=True
    )
    signed_off = models.BooleanField(default=False)
    known_to_agency = models.CharField(max_length=5, choices=YesNo.choices, blank=True)
    involvement_period = models.CharField(max_length=200, blank=True)
    involvement = models.TextField("nature of involvement", blank=True)
    strengths = models.TextField("practice strengths", blank=True)
    concerns = models.TextField("practice concerns and missed opportunities", blank=True)
    actions_taken = models.TextField("immediate actions taken", blank=True)
    learning = models.TextField("learning the agency sees", blank=True)
    criteria_view = models.CharField(max_length=10, choices=CriteriaView.choices, blank=True)
    criteria_comment = models.TextField(blank=True)
    records_secured = models.CharField(max_length=5, choices=YesNo.choices, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Scoping return {self.pk}"


class KeyContact(TimestampedModel):
    scoping_return = models.ForeignKey(
        ScopingReturn, on_delete=models.CASCADE, related_name="key_contacts"
    )
    contact_date = models.DateField()
    who = models.CharField(max_length=300)
    what = models.TextField()
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ("contact_date", "pk")

    def __str__(self) -> str:
        return f"Key contact {self.pk}"


class ImmediateAction(TimestampedModel):
    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="immediate_actions"
    )
    action = models.TextField()
    owner_agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="+"
    )
    owner_name = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"Immediate action {self.pk}"


class PartnerChoice(models.TextChoices):
    CONFIRM = "confirm", "Confirm the recommendation"
    CHALLENGE = "challenge", "Challenge the recommendation"


class PartnerDecision(TimestampedModel):
    """One safeguarding partner's answer to one round of the recommendation (PARTNER-DECISION)."""

    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="partner_decisions"
    )
    round = models.PositiveSmallIntegerField()
    statutory_partner = models.CharField(max_length=40, choices=StatutoryPartner.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(max_length=10, choices=PartnerChoice.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ("round", "created_at")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["rapid_review", "round", "statutory_partner"],
                name="partner_decides_once_a_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.statutory_partner} {self.choice} round {self.round}"


class Citation(TimestampedModel):
    """A library item or an earlier local case the group cites in its rationale, as evidence
    for CRIT-LOCAL (a) (new learning?) and (b) (recurring themes?). The label keeps what was
    cited readable if the item or case is later removed."""

    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="citations"
    )
    learning_item = models.ForeignKey(
        "learning.LearningItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    earlier_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=400)
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(learning_item__isnull=True) | Q(earlier_case__isnull=True),
                name="citation_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["rapid_review", "learning_item"], name="item_cited_once"
            ),
            models.UniqueConstraint(
                fields=["rapid_review", "earlier_case"], name="case_cited_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Citation {self.pk}"
