"""Reads for learning products. A review's pages start from the review the person may see
(``reviews.access.ReviewPageMixin``); the public pages see published products only, and none
whose review's report has been taken down."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from cspr.briefings.models import BriefingDelivery, LearningProduct, ProductKind
from cspr.briefings.workflow import ProductState
from cspr.reviews.models import Review


def products_of(review: Review) -> dict[str, LearningProduct]:
    """The review's products by kind (one query)."""
    return {
        p.kind: p
        for p in LearningProduct.objects.filter(review=review).select_related(
            "approved_by", "published_by"
        )
    }


def product_for(review: Review, kind: str) -> LearningProduct | None:
    return (
        LearningProduct.objects.filter(review=review, kind=kind)
        .select_related(
            "review__case__partnership",
            "drafted_by",
            "last_edited_by",
            "approved_by",
            "published_by",
            "withdrawn_by",
        )
        .first()
    )


def deliveries_of(product: LearningProduct) -> QuerySet[BriefingDelivery]:
    return product.deliveries.select_related("agency", "recorded_by").order_by(
        "-delivered_on", "-pk"
    )


@dataclass(frozen=True)
class DeliverySummary:
    times: int
    attendees: int


def delivery_summary(product: LearningProduct) -> DeliverySummary:
    totals = product.deliveries.aggregate(times=Count("pk"), attendees=Sum("attendees"))
    return DeliverySummary(times=totals["times"] or 0, attendees=totals["attendees"] or 0)


def public_products() -> QuerySet[LearningProduct]:
    """Every published product still public, newest first."""
    return (
        LearningProduct.objects.filter(state=ProductState.PUBLISHED)
        .exclude(review__published_report__taken_down_on__isnull=False)
        .select_related("review__case__partnership")
        .order_by("-published_on", "kind", "-pk")
    )


def public_product(slug: str) -> LearningProduct | None:
    return public_products().filter(slug=slug).first()


def public_sibling(product: LearningProduct) -> LearningProduct | None:
    """The review's other product, if it is public too."""
    other = next(k for k in ProductKind.values if k != product.kind)
    return public_products().filter(review_id=product.review_id, kind=other).first()
