"""Reads for action plans. Every read starts from what the person may see
(``ActionPlan.objects.visible_to``, ``permissions.action_scope``) and loads what its page
shows, so a page costs the same few queries however many rows it has. "Overdue" is worked out
here, from the date, every time."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet

from cspr.actions.models import (
    Action,
    ActionEvidence,
    ActionPlan,
    ActionUpdate,
    ImpactReview,
    PlanSignOff,
    Recommendation,
)
from cspr.actions.permissions import action_scope, sees_whole_plan
from cspr.actions.similarity import most_similar
from cspr.actions.workflow import (
    OVERDUE,
    SHOWN_LABELS,
    TAG_COLOURS,
    ActionStatus,
    shown_status,
)
from cspr.cases.models import Case
from cspr.partnerships.models import Agency, Partnership

# How many of the partnership's earlier recommendations are compared with a new one: the
# most recent ones, so the page costs the same however many years of plans there are.
SIMILAR_CANDIDATES = 500
SIMILAR_SHOWN = 5


@dataclass(frozen=True)
class ActionRow:
    """An action as a page shows it: its status worked out for today."""

    action: Action
    status: str
    label: str
    colour: str

    @property
    def overdue(self) -> bool:
        return self.status == OVERDUE


def action_row(action: Action, *, today: dt.date) -> ActionRow:
    status = shown_status(status=action.status, due_on=action.due_on, today=today)
    return ActionRow(
        action=action, status=status, label=SHOWN_LABELS[status], colour=TAG_COLOURS[status]
    )


def overdue_filter(today: dt.date) -> Q:
    return Q(due_on__lt=today) & ~Q(status=ActionStatus.COMPLETE)


# --- one plan -------------------------------------------------------------------------------


def plan_for(*, user: Any, partnership: Partnership, reference: str) -> ActionPlan | None:
    """The case's plan, if the person may see at least part of it (else None: a 404)."""
    return (
        ActionPlan.objects.visible_to(user)
        .filter(case__partnership=partnership, case__reference=reference)
        .select_related("case__partnership", "started_by")
        .first()
    )


def plan_of(case: Case) -> ActionPlan | None:
    return ActionPlan.objects.filter(case=case).first()


@dataclass(frozen=True)
class RecommendationRow:
    recommendation: Recommendation
    actions: list[ActionRow]


@dataclass(frozen=True)
class PlanView:
    plan: ActionPlan
    whole: bool  # False: an agency's view, only its own actions
    recommendations: list[RecommendationRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> list[tuple[str, int]]:
        """How many actions have each status, in the order of the statuses: "2 on track"."""
        return [(SHOWN_LABELS[status], n) for status, n in self.counts.items() if n]


def _visible_actions(user: Any) -> QuerySet[Action]:
    return Action.objects.filter(action_scope(user)).select_related("agency", "owner")


def plan_view(*, plan: ActionPlan, user: Any, today: dt.date) -> PlanView:
    """The plan's recommendations and actions the person may see: all of them for those who
    see the whole plan; for an agency lead or a named owner, their own actions and the
    recommendations those answer."""
    whole = bool(sees_whole_plan(user, plan))
    recommendations = Recommendation.objects.filter(plan=plan)
    if not whole:
        recommendations = recommendations.filter(
            pk__in=_visible_actions(user).values("recommendation_id")
        )
    recommendations = recommendations.order_by("number").prefetch_related(
        "themes",
        Prefetch(
            "actions",
            queryset=_visible_actions(user).filter(recommendation__plan=plan).order_by("number"),
        ),
    )
    rows = []
    counts = dict.fromkeys(SHOWN_LABELS, 0)
    for recommendation in recommendations:
        actions = []
        for action in recommendation.actions.all():
            action.recommendation = recommendation
            row = action_row(action, today=today)
            counts[row.status] += 1
            actions.append(row)
        rows.append(RecommendationRow(recommendation=recommendation, actions=actions))
    return PlanView(plan=plan, whole=whole, recommendations=rows, counts=counts)


def sign_offs(plan: ActionPlan) -> list[PlanSignOff]:
    return list(plan.sign_offs.select_related("signed_by").order_by("round", "created_at"))


def impact_reviews(plan: ActionPlan) -> list[ImpactReview]:
    return list(plan.impact_reviews.select_related("recorded_by"))


def recommendation_for(
    *, plan: ActionPlan, user: Any, recommendation_id: int
) -> Recommendation | None:
    """One recommendation of this plan, if the person may see it."""
    found = (
        Recommendation.objects.filter(plan=plan, pk=recommendation_id)
        .select_related("plan__case__partnership", "immediate_action__owner_agency")
        .prefetch_related("themes")
        .first()
    )
    if found is None:
        return None
    if sees_whole_plan(user, plan) or found.actions.filter(action_scope(user)).exists():
        return found
    return None


def recommendation_actions(
    recommendation: Recommendation, *, user: Any, today: dt.date
) -> list[ActionRow]:
    actions = _visible_actions(user).filter(recommendation=recommendation).order_by("number")
    rows = []
    for action in actions:
        action.recommendation = recommendation
        rows.append(action_row(action, today=today))
    return rows


def action_for(*, plan: ActionPlan, user: Any, action_id: int) -> Action | None:
    """One action of this plan, if the person may see it."""
    return (
        Action.objects.filter(action_scope(user))
        .filter(recommendation__plan=plan, pk=action_id)
        .select_related("recommendation__plan__case__partnership", "agency", "owner")
        .first()
    )


def action_updates(action: Action) -> list[ActionUpdate]:
    return list(
        action.updates.select_related("recorded_by").prefetch_related(
            Prefetch("evidence", queryset=ActionEvidence.objects.order_by("pk"))
        )
    )


def evidence_for(*, action: Action, evidence_id: int) -> ActionEvidence | None:
    return ActionEvidence.objects.filter(update__action=action, pk=evidence_id).first()


# --- lists ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilters:
    status: str = ""
    agency: Agency | None = None


def action_list(
    *, user: Any, partnership: Partnership, filters: ActionFilters, today: dt.date
) -> QuerySet[Action]:
    """The partnership's actions the person may see, unfinished ones first, soonest due
    first. ``filters.status`` is the status as shown: "overdue" is worked out from the date,
    and "on track" (say) leaves out the overdue ones that last reported it."""
    actions = (
        Action.objects.filter(action_scope(user))
        .filter(recommendation__plan__case__partnership=partnership)
        .select_related("recommendation__plan__case", "agency", "owner")
    )
    overdue = overdue_filter(today)
    if filters.status == OVERDUE:
        actions = actions.filter(overdue)
    elif filters.status == ActionStatus.COMPLETE:
        actions = actions.filter(status=ActionStatus.COMPLETE)
    elif filters.status:
        actions = actions.filter(status=filters.status).exclude(overdue)
    if filters.agency is not None:
        actions = actions.filter(agency=filters.agency)
    finished = models.Case(
        models.When(status=ActionStatus.COMPLETE, then=models.Value(1)),
        default=models.Value(0),
        output_field=models.IntegerField(),
    )
    return actions.order_by(finished, "due_on", "recommendation__plan__case__reference", "pk")


def action_rows(actions: Any, *, today: dt.date) -> list[ActionRow]:
    return [action_row(action, today=today) for action in actions]


def overdue_actions(
    *, user: Any, partnership: Partnership, today: dt.date, owned_by: Any = None
) -> QuerySet[Action]:
    """Overdue actions the person may see (for the business unit's home page), or those
    ``owned_by`` this person (for the owner's home page), longest overdue first."""
    actions = (
        Action.objects.filter(action_scope(user))
        .filter(recommendation__plan__case__partnership=partnership)
        .filter(overdue_filter(today))
        .select_related("recommendation__plan__case", "agency", "owner")
        .order_by("due_on", "pk")
    )
    if owned_by is not None:
        actions = actions.filter(owner=owned_by)
    return actions


def plan_overdue_count(*, plan: ActionPlan, user: Any, today: dt.date) -> int:
    """How many of the plan's actions the person may see are overdue (for the case page)."""
    return (
        Action.objects.filter(action_scope(user))
        .filter(recommendation__plan=plan)
        .filter(overdue_filter(today))
        .count()
    )


# --- recommendations that recur -------------------------------------------------------------


@dataclass(frozen=True)
class SimilarRecommendation:
    recommendation: Recommendation
    score: float
    shared: tuple[str, ...]
    actions: list[ActionRow]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_recommendations(
    recommendation: Recommendation, *, today: dt.date
) -> list[SimilarRecommendation]:
    """The partnership's earlier recommendations, on other cases, that say nearly the same
    thing, with what became of their actions. One query loads the candidates (the most recent
    ``SIMILAR_CANDIDATES``), one the few that match, one their actions."""
    case = recommendation.plan.case
    candidates = list(
        Recommendation.objects.filter(
            plan__case__partnership_id=case.partnership_id,
            created_at__lte=recommendation.created_at,
        )
        .exclude(plan__case_id=case.pk)
        .order_by("-created_at", "-pk")
        .values_list("pk", "text")[:SIMILAR_CANDIDATES]
    )
    found = most_similar(recommendation.text, candidates, limit=SIMILAR_SHOWN)
    if not found:
        return []
    matched = {
        r.pk: r
        for r in Recommendation.objects.filter(pk__in=[f.key for f in found])
        .select_related("plan__case")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("agency").order_by("number"))
        )
    }
    similar = []
    for match in found:
        other = matched[match.key]
        rows = []
        for action in other.actions.all():
            action.recommendation = other
            rows.append(action_row(action, today=today))
        similar.append(
            SimilarRecommendation(
                recommendation=other, score=match.score, shared=match.shared, actions=rows
            )
        )
    return similar
