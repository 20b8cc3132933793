"""Which commissions are in force: a reviewer's access begins and ends with them."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from cspr.partnerships.models import Role
from cspr.reviews.models import Commission


def active_commissions(user: Any) -> QuerySet[Commission]:
    """The user's commissions in force today, in partnerships where they still hold the
    reviewer role."""
    today = timezone.localdate()
    return Commission.objects.filter(
        reviewer_id=user.pk,
        starts_on__lte=today,
        ends_on__gte=today,
        review__case__partnership__memberships__user_id=user.pk,
        review__case__partnership__memberships__role=Role.REVIEWER,
        review__case__partnership__memberships__ended_at__isnull=True,
    )
