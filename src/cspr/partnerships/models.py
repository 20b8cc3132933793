"""Partnerships (the tenants), their agencies, and the memberships that give a person a role."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from cspr.core.models import VersionedModel


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    SAFEGUARDING_PARTNER = "safeguarding_partner", "Safeguarding partner representative"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    REVIEWER = "reviewer", "Reviewer"
    INDEPENDENT_SCRUTINEER = "independent_scrutineer", "Independent scrutineer"
    ADMINISTRATOR = "administrator", "Administrator"


class StatutoryPartner(models.TextChoices):
    """The safeguarding partners of PARTNER-DECISION; education where the partnership adds it."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"


class AgencyKind(models.TextChoices):
    LOCAL_AUTHORITY_CHILDRENS_SERVICES = (
        "la_childrens_services",
        "Local authority children's services",
    )
    POLICE = "police", "Police"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    SCHOOL_OR_COLLEGE = "school_or_college", "School or college"
    EARLY_YEARS = "early_years", "Early years"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def visible_to(self, user: Any) -> "PartnershipQuerySet":
        """The partnerships a person currently holds a membership of."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            pk__in=Membership.objects.filter(user=user, ended_at__isnull=True).values(
                "partnership_id"
            )
        )


class Partnership(VersionedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    reference_prefix = models.CharField(
        max_length=10,
        unique=True,
        help_text="Starts every case reference, for example NSCP-2026-001.",
    )
    education_is_partner = models.BooleanField(
        "education is a safeguarding partner",
        default=False,
        help_text="Whether education confirms decisions alongside the three statutory partners.",
    )
    is_active = models.BooleanField(default=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: Any) -> "AgencyQuerySet":
        return self.filter(partnership__in=Partnership.objects.visible_to(user))


class Agency(VersionedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)
    statutory_partner = models.CharField(
        max_length=40,
        choices=StatutoryPartner.choices,
        blank=True,
        help_text="Which safeguarding partner this agency is part of, if any.",
    )
    is_active = models.BooleanField(default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "agencies"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(ended_at__isnull=True)

    def visible_to(self, user: Any) -> "MembershipQuerySet":
        return self.filter(partnership__in=Partnership.objects.visible_to(user))


class Membership(VersionedModel):
    """A person's role in a partnership; for an agency lead, also their agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=40, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    statutory_partner = models.CharField(
        max_length=40, choices=StatutoryPartner.choices, blank=True
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ("partnership__name", "role")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(role=Role.AGENCY_LEAD) | Q(agency__isnull=False),
                name="membership_agency_lead_has_agency",
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.SAFEGUARDING_PARTNER) & ~Q(statutory_partner=""))
                | (~Q(role=Role.SAFEGUARDING_PARTNER) & Q(statutory_partner="")),
                name="membership_partner_names_statutory_partner",
            ),
            models.UniqueConstraint(
                fields=["user", "partnership", "role"],
                condition=Q(ended_at__isnull=True, agency__isnull=True),
                name="membership_unique_current_role",
            ),
            models.UniqueConstraint(
                fields=["user", "partnership", "role", "agency"],
                condition=Q(ended_at__isnull=True, agency__isnull=False),
                name="membership_unique_current_agency_role",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "ended_at"], name="membership_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.partnership_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
