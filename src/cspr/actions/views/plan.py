"""Pages of the plan as a whole (ACTIONS): starting it, the plan itself, the partners'
sign-off, impact reviews, closing, returning to draft, and the exports for the board. Thin:
forms validate, services write, selectors read. Pages show the case by reference and pseudonym
only."""

from typing import Any

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from cspr.actions import exports, selectors, workflow
from cspr.actions.access import PlanPageMixin, plan_url
from cspr.actions.forms import ImpactReviewForm, SignOffForm
from cspr.actions.services import plans, recommendations
from cspr.actions.views._base import FormPageMixin, WorkflowGuardMixin
from cspr.cases.access import CaseMixin, case_url
from cspr.core.documents import DOCX_TYPE, download
from cspr.core.views import ConfirmActionMixin
from cspr.rapid_reviews.services.decisions import partners_represented_by, required_partners


class PlanStartView(ConfirmActionMixin, CaseMixin, TemplateView):
    """The business unit starts the case's plan (one per case)."""

    permission_required = "actions.start_plan"
    audit_verb = "action_plan_start.viewed"
    confirm_title = "Start the action plan"
    explanation = (
        "The plan answers each recommendation of the review's report, and the Rapid Review's "
        "immediate actions, with the partnership's response and actions with named owners. "
        "Every safeguarding partner then signs it off (ACTIONS)."
    )
    confirm_label = "Start the action plan"
    success_message = "Action plan started. Add the recommendations it answers."

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        existing = selectors.plan_of(self.case)
        if existing is not None:
            return HttpResponseRedirect(plan_url(existing))
        return super().get(request, *args, **kwargs)

    def act(self) -> None:
        self.plan = plans.plan_start(case=self.case, by=self.user)

    def done_url(self) -> str:
        plan = getattr(self, "plan", None)
        return plan_url(plan) if plan is not None else case_url(self.case)


class PlanDetailView(PlanPageMixin, TemplateView):
    permission_required = "actions.view_plan"
    template_name = "actions/plan_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan, user, today = self.plan, self.user, timezone.localdate()
        view = selectors.plan_view(plan=plan, user=user, today=today)
        drafts = rules.has_perm("actions.draft_plan", user, plan)
        can_draft = drafts and workflow.allowed(plan.state, "edit")
        signed = plans.signed_this_round(plan) if view.whole else {}
        unsigned_mine = [
            p for p in partners_represented_by(user, self.partnership) if p not in signed
        ]
        context.update(
            view=view,
            today=today,
            can_draft=can_draft,
            can_bring_in=can_draft and bool(recommendations.immediate_actions_to_bring_in(plan)),
            problems=plans.plan_problems(plan) if view.whole and plan.is_draft else [],
            partner_rows=[
                (partner.label, signed.get(partner.value))
                for partner in required_partners(self.partnership)
            ]
            if view.whole
            else [],
            earlier_sign_offs=[
                s for s in selectors.sign_offs(plan) if s.round < plan.sign_off_round
            ]
            if view.whole
            else [],
            can_sign=rules.has_perm("actions.sign_off", user, plan)
            and workflow.allowed(plan.state, "sign_off")
            and bool(unsigned_mine),
            impact_reviews=selectors.impact_reviews(plan) if view.whole else [],
            can_review_impact=rules.has_perm("actions.review_impact", user, plan)
            and workflow.allowed(plan.state, "review_impact"),
            can_close=rules.has_perm("actions.close_plan", user, plan)
            and workflow.allowed(plan.state, "close"),
            can_reopen=drafts and workflow.allowed(plan.state, "reopen"),
            can_export=rules.has_perm("actions.export_plan", user, plan),
            can_view_case=rules.has_perm("cases.view_case", user, plan.case),
        )
        return context


class SignOffView(WorkflowGuardMixin, FormPageMixin, PlanPageMixin, FormView):
    requires = "sign_off"
    permission_required = "actions.sign_off"
    audit_verb = "action_plan_sign_off_form.viewed"
    template_name = "actions/sign_off.html"
    form_class = SignOffForm
    title = "Sign the action plan off"

    def partners(self) -> list[str]:
        signed = plans.signed_this_round(self.plan)
        return [p for p in partners_represented_by(self.user, self.partnership) if p not in signed]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.partners():
            messages.error(request, "There is nothing for you to sign off on this plan.")
            return HttpResponseRedirect(plan_url(self.plan))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partners": self.partners()}

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.plan.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(problems=plans.plan_problems(self.plan), **kwargs)

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        plan = plans.plan_sign_off(
            plan=self.plan,
            by=self.user,
            statutory_partner=data["statutory_partner"],
            comment=data["comment"],
            expected_version=data["version"],
        )
        self.success_message = (
            "Sign-off recorded. The plan is signed off: its actions now run."
            if plan.state == workflow.PlanState.SIGNED_OFF
            else "Sign-off recorded. The plan is signed off when every safeguarding partner "
            "has signed it."
        )
        return plan


class ImpactReviewView(WorkflowGuardMixin, FormPageMixin, PlanPageMixin, FormView):
    requires = "review_impact"
    permission_required = "actions.review_impact"
    audit_verb = "impact_review_form.viewed"
    form_class = ImpactReviewForm
    title = "Record the review of the plan's impact"
    success_message = "Impact review recorded."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro="Say how life has improved for children because of the plan (ACTIONS), "
            "from the actions' evidence of impact.",
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return plans.impact_review_record(plan=self.plan, by=self.user, **form.cleaned_data)


class PlanCloseView(WorkflowGuardMixin, ConfirmActionMixin, PlanPageMixin, TemplateView):
    requires = "close"
    permission_required = "actions.close_plan"
    audit_verb = "action_plan_close.viewed"
    confirm_title = "Close the action plan"
    explanation = (
        "Close the plan when every action is complete and its impact has been reviewed. "
        "Nothing more can be recorded on it afterwards."
    )
    confirm_label = "Close the plan"
    success_message = "The action plan is closed."

    def act(self) -> None:
        plans.plan_close(plan=self.plan, by=self.user)

    def done_url(self) -> str:
        return plan_url(self.plan)


class PlanReopenView(WorkflowGuardMixin, ConfirmActionMixin, PlanPageMixin, TemplateView):
    requires = "reopen"
    permission_required = "actions.draft_plan"
    audit_verb = "action_plan_reopen.viewed"
    confirm_title = "Return the plan to draft"
    explanation = (
        "Return the signed-off plan to draft to change its recommendations or actions. Every "
        "safeguarding partner then signs the changed plan off again; their earlier sign-offs "
        "stay on record. Agencies can still send updates."
    )
    confirm_label = "Return the plan to draft"
    success_message = "The plan is a draft again."

    def act(self) -> None:
        plans.plan_reopen(plan=self.plan, by=self.user)

    def done_url(self) -> str:
        return plan_url(self.plan)


class PlanExportView(PlanPageMixin, View):
    """The whole plan for the partnership board, as Excel or Word; audited as an export."""

    permission_required = "actions.export_plan"
    audit_verb = "action_plan.exported"
    http_method_names = ["get"]
    fmt = "xlsx"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        export = exports.plan_export(
            self.plan,
            today=timezone.localdate(),
            exported_at=timezone.localtime(),
            exported_by=self.user.full_name,
        )
        if self.fmt == "docx":
            content, content_type = exports.plan_docx(export), DOCX_TYPE
        else:
            content, content_type = exports.plan_xlsx(export), exports.XLSX_TYPE
        return download(
            content, filename=exports.export_name(self.plan, self.fmt), content_type=content_type
        )
