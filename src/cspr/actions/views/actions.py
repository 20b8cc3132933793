"""Pages of a plan's actions (ACTIONS): drafting them (the business unit), the owning agency's
updates with evidence, and the guarded download of evidence."""

from typing import Any

import rules
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from cspr.actions import selectors, workflow
from cspr.actions.access import (
    ActionPageMixin,
    RecommendationPageMixin,
    action_url,
    recommendation_url,
)
from cspr.actions.forms import (
    ActionForm,
    ActionUpdateForm,
)
from cspr.actions.services import actions as action_services
from cspr.actions.views._base import (
    FormPageMixin,
    OnThePlan,
    WorkflowGuardMixin,
    owner_choices,
)
from cspr.core.conflicts import EditConflictMixin
from cspr.core.views import ConfirmActionMixin
from cspr.partnerships.models import Agency


class ActionFormMixin(WorkflowGuardMixin, OnThePlan, FormPageMixin):
    requires = "edit"
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


class ActionEditView(EditConflictMixin, ActionFormMixin, ActionPageMixin, FormView):
    permission_required = "actions.draft_plan"
    conflict_record = "action"
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


class ActionUpdateView(WorkflowGuardMixin, FormPageMixin, ActionPageMixin, FormView):
    """The owning agency's update, with evidence files."""

    requires = "record_update"

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


class ActionRemoveView(
    WorkflowGuardMixin, OnThePlan, ConfirmActionMixin, ActionPageMixin, TemplateView
):
    permission_required = "actions.draft_plan"
    audit_verb = "action_remove.viewed"
    requires = "edit"
    confirm_label = "Remove the action"
    destructive = True
    success_message = "Action removed."

    def confirm_context(self) -> dict[str, Any]:
        return {
            **super().confirm_context(),
            "title": f"Remove {self.action.label.lower()}",
            "explanation": "Remove it only if it was drafted by mistake. Its agency is not told.",
        }

    def act(self) -> None:
        action_services.action_remove(action=self.action, by=self.user)

    def done_url(self) -> str:
        if self.request.method == "POST":
            return recommendation_url(self.action.recommendation)
        return action_url(self.action)
