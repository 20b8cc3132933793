"""Pages of a plan's recommendations (ACTIONS): adding, reading, changing and removing one, and
bringing in the Rapid Review's immediate actions. Drafting is the business unit's."""

from typing import Any

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.actions import selectors, workflow
from cspr.actions.access import (
    PlanPageMixin,
    RecommendationPageMixin,
    plan_url,
    recommendation_url,
)
from cspr.actions.forms import (
    UNDECIDED,
    BringInForm,
    RecommendationForm,
    theme_initial,
)
from cspr.actions.services import recommendations
from cspr.actions.themes import active_themes, suggestions_for
from cspr.actions.views._base import (
    FormPageMixin,
    OnThePlan,
    WorkflowGuardMixin,
    theme_context,
)
from cspr.core.conflicts import EditConflictMixin
from cspr.core.views import ConfirmActionMixin


class RecommendationAddView(WorkflowGuardMixin, FormPageMixin, PlanPageMixin, FormView):
    requires = "edit"
    permission_required = "actions.draft_plan"
    audit_verb = "recommendation_form.viewed"
    template_name = "actions/recommendation_form.html"
    form_class = RecommendationForm
    title = "Add a recommendation"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "themes": active_themes()}

    def get_initial(self) -> dict[str, Any]:
        return {"response": UNDECIDED}

    def run(self, form: Any) -> Any:
        self.recommendation = recommendations.recommendation_add(
            plan=self.plan, by=self.user, **form.service_values()
        )
        self.success_message = (
            f"Recommendation {self.recommendation.number} saved. Check below for earlier "
            "recommendations that say nearly the same thing, and the themes suggested."
        )
        return self.recommendation

    def done_url(self) -> str:
        return recommendation_url(self.recommendation)


class RecommendationDetailView(RecommendationPageMixin, TemplateView):
    permission_required = "actions.view_recommendation"
    template_name = "actions/recommendation_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        recommendation, user, today = self.recommendation, self.user, timezone.localdate()
        can_draft = rules.has_perm("actions.draft_plan", user, self.plan) and workflow.allowed(
            self.plan.state, "edit"
        )
        linked = list(recommendation.themes.all())
        suggested = []
        if can_draft:
            linked_ids = {t.pk for t in linked}
            themes = {t.pk: t for t in active_themes()}
            suggested = [
                (themes[pk], reasons)
                for pk, reasons in suggestions_for(
                    recommendation.text, list(themes.values())
                ).items()
                if pk not in linked_ids
            ]
        context.update(
            title=f"Recommendation {recommendation.number}",
            actions=selectors.recommendation_actions(recommendation, user=user, today=today),
            themes=linked,
            suggested=suggested,
            can_draft=can_draft,
            can_add_action=can_draft and recommendation.response != "not_accepted",
            similar=selectors.similar_recommendations(recommendation, today=today)
            if rules.has_perm("actions.view_similar", user, recommendation)
            else None,
        )
        return context


class RecommendationEditView(
    EditConflictMixin,
    WorkflowGuardMixin,
    OnThePlan,
    FormPageMixin,
    RecommendationPageMixin,
    FormView,
):
    requires = "edit"
    conflict_record = "recommendation"
    permission_required = "actions.draft_plan"
    audit_verb = "recommendation_form.viewed"
    template_name = "actions/recommendation_form.html"
    form_class = RecommendationForm
    success_message = "Recommendation saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        context = theme_context(self.recommendation.text)
        return {
            **super().get_form_kwargs(),
            "themes": context["themes"],
            "suggested": context["suggested"],
            "with_version": True,
        }

    def get_initial(self) -> dict[str, Any]:
        r = self.recommendation
        return {
            "text": r.text,
            "response": r.response or UNDECIDED,
            "response_reasons": r.response_reasons,
            "version": r.version,
            **theme_initial(r.themes.all()),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Change recommendation {self.recommendation.number}",
            back_url=recommendation_url(self.recommendation),
            cancel_url=recommendation_url(self.recommendation),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return recommendations.recommendation_update(
            recommendation=self.recommendation,
            by=self.user,
            expected_version=form.cleaned_data["version"],
            **form.service_values(),
        )

    def done_url(self) -> str:
        return recommendation_url(self.recommendation)


class BringInView(WorkflowGuardMixin, FormPageMixin, PlanPageMixin, FormView):
    """Bring the Rapid Review's immediate actions into the plan as recommendations."""

    requires = "edit"

    permission_required = "actions.draft_plan"
    audit_verb = "immediate_actions_form.viewed"
    form_class = BringInForm
    title = "Bring in the Rapid Review's immediate actions"
    success_message = "Brought into the plan. Add each one's action, with its named owner."

    def items(self) -> list[Any]:
        if not hasattr(self, "_items"):
            self._items = recommendations.immediate_actions_to_bring_in(self.plan)
        return self._items

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.items():
            messages.error(request, "Every immediate action of the Rapid Review is in the plan.")
            return HttpResponseRedirect(plan_url(self.plan))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "items": self.items()}

    def run(self, form: Any) -> Any:
        return recommendations.immediate_actions_bring_in(
            plan=self.plan, by=self.user, immediate_actions=form.chosen()
        )


class RecommendationRemoveView(
    WorkflowGuardMixin, OnThePlan, ConfirmActionMixin, RecommendationPageMixin, TemplateView
):
    permission_required = "actions.draft_plan"
    audit_verb = "recommendation_remove.viewed"
    requires = "edit"
    confirm_label = "Remove the recommendation"
    destructive = True
    success_message = "Recommendation removed. The ones after it have moved up a number."

    def confirm_context(self) -> dict[str, Any]:
        return {
            **super().confirm_context(),
            "title": f"Remove recommendation {self.recommendation.number}",
            "explanation": "Remove it only if it was entered by mistake: a recommendation the "
            "partnership does not accept stays in the plan with the reasons.",
        }

    def act(self) -> None:
        recommendations.recommendation_remove(recommendation=self.recommendation, by=self.user)

    def done_url(self) -> str:
        if self.request.method == "POST":
            return plan_url(self.plan)
        return recommendation_url(self.recommendation)
