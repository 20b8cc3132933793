"""Pages of action plans (ACTIONS). Thin: forms validate, services write, selectors read.
Plan pages show the case by reference and pseudonym only."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from cspr.accounts.models import User
from cspr.actions import exports, selectors, workflow
from cspr.actions.access import (
    ActionPageMixin,
    PlanPageMixin,
    RecommendationPageMixin,
    action_url,
    plan_url,
    recommendation_url,
)
from cspr.actions.forms import (
    UNDECIDED,
    ActionFilterForm,
    ActionForm,
    ActionUpdateForm,
    BringInForm,
    ImpactReviewForm,
    RecommendationForm,
    SignOffForm,
    theme_initial,
)
from cspr.actions.models import ActionPlan
from cspr.actions.services import actions as action_services
from cspr.actions.services import plans, recommendations
from cspr.actions.themes import active_themes, suggestions_for
from cspr.cases.views import CaseMixin, case_url
from cspr.core.documents import DOCX_TYPE, download
from cspr.core.views import ConfirmActionMixin, ServiceFormMixin
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.models import Agency, Membership, Role, StatutoryPartner
from cspr.rapid_reviews.services.decisions import partners_represented_by, required_partners

PAGE_SIZE = 25


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


class FormPageMixin(ServiceFormMixin):
    """A form page (core/form_page.html) that runs one service and goes back to the plan."""

    template_name: str | None = "core/form_page.html"
    title = ""
    plan: ActionPlan

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)  # type: ignore[misc]

    def done_url(self) -> str:
        return plan_url(self.plan)


class OnThePlan:
    """For a page about a recommendation or an action whose permission is the plan's."""

    plan: ActionPlan

    def get_permission_object(self) -> Model:
        return self.plan


def _theme_context(text: str) -> dict[str, Any]:
    themes = active_themes()
    return {"themes": themes, "suggested": suggestions_for(text, themes) if text else {}}


class RecommendationAddView(FormPageMixin, PlanPageMixin, FormView):
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


class RecommendationEditView(OnThePlan, FormPageMixin, RecommendationPageMixin, FormView):
    permission_required = "actions.draft_plan"
    audit_verb = "recommendation_form.viewed"
    template_name = "actions/recommendation_form.html"
    form_class = RecommendationForm
    success_message = "Recommendation saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        context = _theme_context(self.recommendation.text)
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


class BringInView(FormPageMixin, PlanPageMixin, FormView):
    """Bring the Rapid Review's immediate actions into the plan as recommendations."""

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


def owner_choices(partnership: Any) -> tuple[Any, dict[int, str]]:
    """The people who may be named owners, and what each of them is here, in one query."""
    memberships = (
        Membership.objects.current()
        .filter(
            partnership=partnership,
            user__is_active=True,
            role__in=(Role.AGENCY_LEAD, Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER),
        )
        .select_related("agency")
        .order_by("role", "agency__name")
    )
    roles: dict[int, list[str]] = {}
    for m in memberships:
        what = f"lead for {m.agency.name}" if m.agency else m.get_role_display().lower()
        if m.statutory_partner:
            what = f"{what}, {StatutoryPartner(m.statutory_partner).label.lower()}"
        roles.setdefault(m.user_id, []).append(what)
    users = User.objects.filter(pk__in=list(roles)).order_by("full_name")
    return users, {pk: "; ".join(r) for pk, r in roles.items()}


class ActionFormMixin(OnThePlan, FormPageMixin):
    partnership: Any

    def action_form_kwargs(self) -> dict[str, Any]:
        owners, roles = owner_choices(self.partnership)
        return {
            "agencies": Agency.objects.filter(partnership=self.partnership, is_active=True),
            "owners": owners,
            "owner_roles": roles,
        }


class ActionAddView(ActionFormMixin, RecommendationPageMixin, FormView):
    permission_required = "actions.draft_plan"
    audit_verb = "action_form.viewed"
    form_class = ActionForm
    success_message = "Action saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), **self.action_form_kwargs()}

    def get_initial(self) -> dict[str, Any]:
        item = self.recommendation.immediate_action
        if item is None:
            return {}
        return {"what": item.action, "agency": item.owner_agency, "due_on": item.due_on}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        r = self.recommendation
        return super().get_context_data(
            title=f"Add an action to recommendation {r.number}",
            recommendation_text=r.text,
            back_url=recommendation_url(r),
            cancel_url=recommendation_url(r),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return action_services.action_add(
            recommendation=self.recommendation, by=self.user, values=form.cleaned_data
        )

    def done_url(self) -> str:
        return recommendation_url(self.recommendation)


class ActionDetailView(ActionPageMixin, TemplateView):
    permission_required = "actions.view_action"
    template_name = "actions/action_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        action, user, plan = self.action, self.user, self.plan
        context.update(
            row=selectors.action_row(action, today=timezone.localdate()),
            updates=selectors.action_updates(action),
            can_update=rules.has_perm("actions.update_action", user, action)
            and workflow.allowed(plan.state, "record_update"),
            can_edit=rules.has_perm("actions.draft_plan", user, plan)
            and workflow.allowed(plan.state, "edit"),
            can_see_recommendation=rules.has_perm(
                "actions.view_recommendation", user, action.recommendation
            ),
        )
        return context


class ActionEditView(ActionFormMixin, ActionPageMixin, FormView):
    permission_required = "actions.draft_plan"
    audit_verb = "action_form.viewed"
    form_class = ActionForm
    success_message = "Action saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), **self.action_form_kwargs(), "with_version": True}

    def get_initial(self) -> dict[str, Any]:
        a = self.action
        return {
            "what": a.what,
            "agency": a.agency,
            "owner": a.owner,
            "starts_on": a.starts_on,
            "due_on": a.due_on,
            "impact_measure": a.impact_measure,
            "version": a.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Change {self.action.label.lower()}",
            back_url=action_url(self.action),
            cancel_url=action_url(self.action),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        values = dict(form.cleaned_data)
        version = values.pop("version")
        return action_services.action_change(
            action=self.action, by=self.user, values=values, expected_version=version
        )

    def done_url(self) -> str:
        return action_url(self.action)


class ActionUpdateView(FormPageMixin, ActionPageMixin, FormView):
    """The owning agency's update, with evidence files."""

    permission_required = "actions.update_action"
    audit_verb = "action_update_form.viewed"
    template_name = "actions/action_update.html"
    form_class = ActionUpdateForm
    success_message = "Update sent."

    def get_initial(self) -> dict[str, Any]:
        a = self.action
        return {"status": a.status, "impact_evidence": a.impact_evidence, "version": a.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Update {self.action.label.lower()}",
            row=selectors.action_row(self.action, today=timezone.localdate()),
            back_url=action_url(self.action),
            cancel_url=action_url(self.action),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        return action_services.action_update_record(
            action=self.action,
            by=self.user,
            text=data["text"],
            status=data["status"],
            impact_evidence=data["impact_evidence"],
            files=data["evidence"],
            expected_version=data["version"],
        )

    def done_url(self) -> str:
        return action_url(self.action)


class EvidenceDownloadView(ActionPageMixin, View):
    """The only way to a stored evidence file: the permission is checked and the download is
    written to the audit trail before the file is sent."""

    permission_required = "actions.view_action"
    audit_verb = "action_evidence.downloaded"
    http_method_names = ["get"]

    def load(self) -> None:
        super().load()
        evidence = selectors.evidence_for(
            action=self.action, evidence_id=self.kwargs["evidence_id"]
        )
        if evidence is None:
            raise Http404
        self.evidence = evidence

    def audited_object(self) -> Model:
        return self.evidence

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        evidence = self.evidence
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class SignOffView(FormPageMixin, PlanPageMixin, FormView):
    permission_required = "actions.sign_off"
    audit_verb = "action_plan_sign_off_form.viewed"
    template_name = "actions/sign_off.html"
    form_class = SignOffForm
    title = "Sign the action plan off"

    def partners(self) -> list[str]:
        signed = plans.signed_this_round(self.plan)
        return [p for p in partners_represented_by(self.user, self.partnership) if p not in signed]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not workflow.allowed(self.plan.state, "sign_off") or not self.partners():
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


class ImpactReviewView(FormPageMixin, PlanPageMixin, FormView):
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


class PlanCloseView(ConfirmActionMixin, PlanPageMixin, TemplateView):
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


class PlanReopenView(ConfirmActionMixin, PlanPageMixin, TemplateView):
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


class ActionListView(PartnershipPageMixin, TemplateView):
    """Every action of the partnership the person may see, filtered by status and agency."""

    permission_required = "actions.view_list"
    audit_verb = "actions.viewed"
    template_name = "actions/action_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = ActionFilterForm(
            self.request.GET or None,
            agencies=Agency.objects.filter(partnership=self.partnership),
        )
        filters = selectors.ActionFilters()
        if form.is_bound and form.is_valid():
            filters = selectors.ActionFilters(**form.cleaned_data)
        actions = selectors.action_list(
            user=self.user, partnership=self.partnership, filters=filters, today=today
        )
        page = Paginator(actions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            rows=selectors.action_rows(page.object_list, today=today),
            query_string=query.urlencode(),
            page_range=page.paginator.get_elided_page_range(page.number),
            filtered=bool(filters.status or filters.agency),
        )
        return context
