"""Reads for differences of opinion. Every read starts from ``Dispute.objects.visible_to(user)``
and loads what its page shows, so a list costs the same few queries however long it is."""

from typing import Any

import rules
from django.db.models import Prefetch, QuerySet

from cspr.cases.models import Case
from cspr.disputes.models import Dispute, DisputeStage
from cspr.disputes.workflow import DisputeState
from cspr.partnerships.models import Partnership


def _disputes(user: Any) -> QuerySet[Dispute]:
    return (
        Dispute.objects.visible_to(user)
        .select_related("case__partnership", "raised_by", "raised_for_agency")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=DisputeStage.objects.select_related("recorded_by").order_by("stage"),
            )
        )
    )


def dispute_list(*, user: Any, partnership: Partnership) -> QuerySet[Dispute]:
    """The partnership's disputes the person may see, open ones first, newest first."""
    return _disputes(user).filter(case__partnership=partnership).order_by("state", "-created_at")


def dispute_for(*, user: Any, partnership: Partnership, dispute_id: int) -> Dispute | None:
    """One dispute, if the person may see it and it belongs to this partnership."""
    return _disputes(user).filter(case__partnership=partnership, pk=dispute_id).first()


def disputes_for_case(*, user: Any, case: Case, include_resolved: bool = False) -> list[Dispute]:
    """The disputes on a case the person may see, for the case page: open ones, or all of them
    (open first) with ``include_resolved``."""
    disputes = _disputes(user).filter(case=case)
    if not include_resolved:
        disputes = disputes.filter(state=DisputeState.OPEN)
    return list(disputes.order_by("state", "-created_at"))


def case_disputes_context(*, user: Any, case: Case) -> dict[str, Any]:
    """What ``disputes/_case_disputes.html`` needs on the case page."""
    return {
        "case_disputes": disputes_for_case(user=user, case=case),
        "can_raise_dispute": rules.has_perm("disputes.raise", user, case),
    }
