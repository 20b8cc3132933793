"""The base of every page of an action plan: the case's plan comes from the URL, found only
among the plans the person may see at least part of (else 404), and the page's permission is
checked against the plan, or against the recommendation or action the page is about."""

from typing import Any

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from cspr.actions import selectors
from cspr.actions.models import Action, ActionPlan, Recommendation
from cspr.partnerships.access import PartnershipPageMixin


def plan_url(plan: ActionPlan, name: str = "actions:plan", **kwargs: Any) -> str:
    case = plan.case
    return reverse(
        name,
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kwargs},
    )


def recommendation_url(recommendation: Recommendation, name: str = "actions:recommendation") -> str:
    return plan_url(recommendation.plan, name, recommendation_id=recommendation.pk)


def action_url(action: Action, name: str = "actions:action", **kwargs: Any) -> str:
    return plan_url(action.recommendation.plan, name, action_id=action.pk, **kwargs)


class PlanPageMixin(PartnershipPageMixin):
    audit_verb = "action_plan.viewed"
    plan: ActionPlan

    def has_permission(self) -> bool:
        self.load()
        return super().has_permission()

    def load(self) -> None:
        """Find what the page shows before checking the permission on it (404 if not found)."""
        plan = selectors.plan_for(
            user=self.user, partnership=self.partnership, reference=self.kwargs["reference"]
        )
        if plan is None:
            raise Http404
        self.plan = plan

    def get_permission_object(self) -> Model:
        return self.plan

    def audited_object(self) -> Model:
        return self.plan

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        case = self.plan.case
        context.setdefault("caption", f"{case.reference}, {case.pseudonym}")
        context.update(plan=self.plan, case=case, plan_url=plan_url(self.plan))
        context.setdefault("cancel_url", plan_url(self.plan))
        context.setdefault("back_url", plan_url(self.plan))
        return context


class RecommendationPageMixin(PlanPageMixin):
    audit_verb = "recommendation.viewed"
    recommendation: Recommendation

    def load(self) -> None:
        super().load()
        found = selectors.recommendation_for(
            plan=self.plan, user=self.user, recommendation_id=self.kwargs["recommendation_id"]
        )
        if found is None:
            raise Http404
        found.plan = self.plan
        self.recommendation = found

    def get_permission_object(self) -> Model:
        return self.recommendation

    def audited_object(self) -> Model:
        return self.recommendation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        context["recommendation_url"] = recommendation_url(self.recommendation)
        return context


class ActionPageMixin(PlanPageMixin):
    audit_verb = "action.viewed"
    action: Action

    def load(self) -> None:
        super().load()
        found = selectors.action_for(
            plan=self.plan, user=self.user, action_id=self.kwargs["action_id"]
        )
        if found is None:
            raise Http404
        found.recommendation.plan = self.plan
        self.action = found

    def get_permission_object(self) -> Model:
        return self.action

    def audited_object(self) -> Model:
        return self.action

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["action_url"] = action_url(self.action)
        return context
