"""Learning products of a review (SOURCES.md §3.6, §3.7): its Learning on a Page and its
7-minute briefing, one of each at most, and where each was delivered.

Every section is plain text: a blank line starts a new paragraph and a line starting with "- "
is a bullet (``text.blocks``). The public address is a slug made of the partnership's slug, the
case's pseudonym and the kind ("northshire-child-r-learning-on-a-page"): the pseudonym only,
never a name or the case reference."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cspr.briefings.workflow import ProductState
from cspr.core.models import TimestampedModel, VersionedModel


class ProductKind(models.TextChoices):
    LEARNING_ON_A_PAGE = "learning_on_a_page", "Learning on a Page"
    SEVEN_MINUTE_BRIEFING = "seven_minute_briefing", "7-minute briefing"


# The kind as it appears in addresses.
KIND_SLUGS = {
    ProductKind.LEARNING_ON_A_PAGE: "learning-on-a-page",
    ProductKind.SEVEN_MINUTE_BRIEFING: "7-minute-briefing",
}
KIND_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


def product_pdf_path(instance: Any, filename: str) -> str:
    """A path that says nothing about the case: a random name in one folder."""
    return f"learning/{uuid.uuid4().hex}.pdf"


class LearningProduct(VersionedModel):
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.PROTECT, related_name="learning_products"
    )
    kind = models.CharField(max_length=30, choices=ProductKind.choices)
    state = models.CharField(
        max_length=20, choices=ProductState.choices, default=ProductState.DRAFT
    )
    slug = models.SlugField("public address", max_length=150, unique=True)
    title = models.CharField(max_length=200)

    # The sections (``sections.FIELDS``); each kind uses some of them.
    what_happened = models.TextField("what happened, in brief", blank=True)
    why_it_matters = models.TextField(blank=True)
    key_facts = models.TextField("information about the review", blank=True)
    key_learning = models.TextField(blank=True)
    good_practice = models.TextField("what good practice looks like", blank=True)
    do_differently = models.TextField("what practitioners should do differently", blank=True)
    partnership_changes = models.TextField("what the partnership is changing", blank=True)
    reflection_questions = models.TextField("questions for reflection", blank=True)
    links = models.TextField("further information", blank=True)

    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    # The PDF made when it was published, and the text size (tenths of a point) it needed.
    pdf = models.FileField(upload_to=product_pdf_path, blank=True, max_length=200)
    pdf_size = models.PositiveIntegerField(default=0)
    text_size = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("review", "kind")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "kind"], name="learning_product_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=ProductKind.values), name="learning_product_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(state=ProductState.DRAFT)
                | Q(state=ProductState.WITHDRAWN)
                | Q(approved_on__isnull=False, approved_by__isnull=False),
                name="learning_product_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[ProductState.PUBLISHED, ProductState.WITHDRAWN])
                | Q(published_on__isnull=False, published_by__isnull=False),
                name="learning_product_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=ProductState.WITHDRAWN)
                | (Q(withdrawn_on__isnull=False) & ~Q(withdrawn_reason="")),
                name="learning_product_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ProductState.PUBLISHED) | ~Q(pdf=""),
                name="learning_product_published_has_pdf",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(published_on__gte=F("approved_on")),
                name="learning_product_published_after_approval",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["state", "-published_on"], name="learning_product_public"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of review {self.review_id}"

    @property
    def kind_slug(self) -> str:
        return KIND_SLUGS[ProductKind(self.kind)]

    @property
    def is_public(self) -> bool:
        return self.state == ProductState.PUBLISHED


class BriefingDelivery(TimestampedModel):
    """One time the product was delivered to a team (SOURCES.md §3.7: agencies record their use
    of a 7-minute briefing): which team, when, how many attended and who delivered it."""

    product = models.ForeignKey(
        LearningProduct, on_delete=models.PROTECT, related_name="deliveries"
    )
    agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.CharField(max_length=200)
    delivered_on = models.DateField()
    attendees = models.PositiveIntegerField("number of people who attended")
    delivered_by = models.CharField("who delivered it (name or role)", max_length=200)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-delivered_on", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(attendees__gte=1), name="briefing_delivery_has_attendees"
            ),
        ]

    def __str__(self) -> str:
        return f"Delivery {self.pk} of learning product {self.product_id}"
