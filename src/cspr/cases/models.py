"""A case: one child, one serious incident, from referral onwards. The child's identity is kept
apart (``ChildIdentity``) and shown only to those who need it; everywhere else the case is
its reference and pseudonym ("Child R")."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.cases.workflow import CaseState
from cspr.core.models import TimestampedModel, VersionedModel


class IncidentKind(models.TextChoices):
    DEATH = "death", "Death"
    SUSPECTED_SUICIDE = "suspected_suicide", "Death: suspected suicide"
    SERIOUS_HARM = "serious_harm", "Serious harm"


class AbuseOrNeglect(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"
    NOT_SUSPECTED = "not_suspected", "Neither known nor suspected"


class IncidentLocation(models.TextChoices):
    IN_AREA = "in_area", "In the partnership's area"
    OUTSIDE_ENGLAND = (
        "outside_england",
        "Outside England, while the child was normally resident in the area",
    )
    ELSEWHERE_IN_ENGLAND = "elsewhere_in_england", "Elsewhere in England"


class ChildStatus(models.TextChoices):
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CP_PLAN_CURRENT = "cp_plan_current", "Child protection plan (current)"
    CP_PLAN_PAST = "cp_plan_past", "Child protection plan (in the past)"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    EARLY_HELP = "early_help", "Early help"
    NONE_KNOWN = "none_known", "None known"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known yet"


class ParallelProcessKind(models.TextChoices):
    POLICE_INVESTIGATION = "police_investigation", "Police investigation"
    PROSECUTION = "prosecution", "Prosecution"
    INQUEST = "inquest", "Coroner's inquest"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"
    DOMESTIC_ABUSE_DEATH_REVIEW = (
        "domestic_abuse_death_review",
        "Domestic abuse related death review",
    )
    MAPPA_REVIEW = "mappa_review", "MAPPA serious case review"
    SAFEGUARDING_ADULTS_REVIEW = "safeguarding_adults_review", "Safeguarding adults review"
    PROFESSIONAL_PROCEEDINGS = "professional_proceedings", "Professional proceedings"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Any) -> "CaseQuerySet":
        """Need to know: the business unit and safeguarding partners see every case of their
        partnership; an agency lead sees the cases their agency referred."""
        from cspr.cases.permissions import case_scope  # noqa: PLC0415

        return self.filter(case_scope(user))


class ReferenceCounter(models.Model):
    """Hands out case numbers per partnership and year (NSCP-2026-001), one at a time."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["partnership", "year"], name="reference_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id}/{self.year}: {self.last_number}"


class Case(VersionedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(max_length=30, unique=True)
    pseudonym = models.CharField(max_length=40)
    state = models.CharField(max_length=30, choices=CaseState.choices, default=CaseState.REFERRED)

    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referring_agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    incident_date = models.DateField()
    la_aware_date = models.DateField("date the local authority became aware")
    partners_aware_date = models.DateField(
        "date the safeguarding partners became aware", null=True, blank=True
    )
    incident_kind = models.CharField(max_length=30, choices=IncidentKind.choices)
    abuse_or_neglect = models.CharField(max_length=20, choices=AbuseOrNeglect.choices)
    location = models.CharField(max_length=30, choices=IncidentLocation.choices)
    child_statuses = models.JSONField(default=list, blank=True)
    agencies_involved = models.ManyToManyField(
        "partnerships.Agency", blank=True, related_name="cases_involved"
    )
    police_investigation = models.CharField(max_length=20, choices=YesNoUnknown.choices)
    parallel_processes = models.JSONField(default=list, blank=True)
    case_outline = models.TextField()

    meets_criteria = models.BooleanField(null=True, blank=True)
    triage_reason = models.TextField(blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["partnership", "pseudonym"], name="case_pseudonym"),
            models.CheckConstraint(
                condition=Q(la_aware_date__gte=models.F("incident_date")),
                name="case_aware_after_incident",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["partnership", "state"], name="case_by_state"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.pseudonym})"

    @property
    def is_death(self) -> bool:
        return self.incident_kind in {IncidentKind.DEATH, IncidentKind.SUSPECTED_SUICIDE}

    @property
    def rapid_review_clock_start(self) -> Any:
        """RAPID-REVIEW counts from the partners' awareness, defaulting to the local
        authority's."""
        return self.partners_aware_date or self.la_aware_date

    def status_labels(self) -> list[str]:
        return [ChildStatus(s).label for s in self.child_statuses]

    def parallel_process_labels(self) -> list[str]:
        return [ParallelProcessKind(p).label for p in self.parallel_processes]


class ChildIdentity(TimestampedModel):
    """Who the child is. Restricted: see ``permissions.can_view_identity``."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    not_yet_identified = models.BooleanField(default=False)
    full_name = models.CharField(max_length=200, blank=True)
    other_names = models.CharField(max_length=300, blank=True)
    unborn = models.BooleanField(default=False)
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, default=Sex.NOT_KNOWN)
    ethnicity = models.CharField(max_length=200, blank=True)
    disability = models.CharField(max_length=300, blank=True)
    household = models.TextField("household", blank=True)
    siblings = models.TextField("siblings", blank=True)

    def __str__(self) -> str:
        return f"Identity of case {self.case_id}"


class NotificationKind(models.TextChoices):
    """What the national system is told, and the rule that sets its deadline."""

    PANEL = "panel", "Serious incident notification to the Panel"
    LOOKED_AFTER_DEATH = (
        "looked_after_death",
        "Death of a looked-after child: Secretary of State and Ofsted",
    )
    CARE_LEAVER_DEATH = "care_leaver_death", "Death of a care leaver: Secretary of State and Ofsted"


NOTIFICATION_RULE = {
    NotificationKind.PANEL: "NOTIFY-PANEL",
    NotificationKind.LOOKED_AFTER_DEATH: "NOTIFY-LAC-DEATH",
    NotificationKind.CARE_LEAVER_DEATH: "NOTIFY-CARE-LEAVER-DEATH",
}


class Notification(TimestampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    national_reference = models.CharField(max_length=100, blank=True)
    late_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("sent_on",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "kind"], name="notification_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for case {self.case_id}"


class AdjustmentKind(models.TextChoices):
    EXTENDED = "extended", "Extended to a new date"
    PAUSED = "paused", "Paused for a period"


class DeadlineAdjustment(TimestampedModel):
    """A deadline extended or paused, always with its reason. The statutory date stays as it
    was and is shown beside the working one; the latest adjustment of a deadline applies."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadline_adjustments")
    rule_id = models.CharField(max_length=40)
    invitation = models.ForeignKey(
        "rapid_reviews.Invitation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_adjustments",
    )
    kind = models.CharField(max_length=10, choices=AdjustmentKind.choices)
    new_due = models.DateField(null=True, blank=True)
    paused_from = models.DateField(null=True, blank=True)
    resumed_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(Q(kind="extended") & Q(new_due__isnull=False))
                | (
                    Q(kind="paused")
                    & Q(paused_from__isnull=False)
                    & Q(resumed_on__isnull=False)
                    & Q(resumed_on__gte=models.F("paused_from"))
                ),
                name="adjustment_has_its_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.kind} on case {self.case_id}"


class ProcessStatus(models.TextChoices):
    EXPECTED = "expected", "Expected"
    UNDER_WAY = "under_way", "Under way"
    CONCLUDED = "concluded", "Concluded"


class ParallelProcess(VersionedModel):
    """A process running beside the review (police investigation, prosecution, inquest, ...):
    its status and the agency to contact about it. Publication may wait for it (PUBLISH-DELAY)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="processes")
    kind = models.CharField(max_length=40, choices=ParallelProcessKind.choices)
    status = models.CharField(
        max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.UNDER_WAY
    )
    contact_agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("kind", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for case {self.case_id}"


class CaseTheme(models.Model):
    """A theme of the controlled vocabulary that a person confirmed for the case, so that the
    case can be read against earlier cases and the learning library (CRIT-LOCAL (a), (b))."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_themes")
    theme = models.ForeignKey("learning.Theme", on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("theme__facet", "theme__position")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "theme"], name="case_theme_once"),
        ]

    def __str__(self) -> str:
        return f"Theme {self.theme_id} of case {self.case_id}"
