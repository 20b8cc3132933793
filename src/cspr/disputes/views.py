"""Pages for differences of opinion (DISPUTE). Thin: forms validate, services write, selectors
read. Dispute pages show the case by reference and pseudonym only, never the child's identity:
the independent scrutineer sees them without being able to see the case."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from cspr.cases.access import CaseMixin
from cspr.core.errors import DomainError
from cspr.disputes import selectors, services
from cspr.disputes.forms import DisputeRaiseForm, StageCloseForm
from cspr.disputes.models import Dispute, DisputeStage
from cspr.disputes.services import SPEAKS_FOR_THE_PARTNERSHIP
from cspr.disputes.workflow import DisputeState, Stage
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.models import Agency
from cspr.partnerships.selectors import agencies_led_by, roles_in

PAGE_SIZE = 25


def dispute_url(dispute: Dispute, name: str = "disputes:detail") -> str:
    return reverse(
        name,
        kwargs={"partnership_slug": dispute.case.partnership.slug, "dispute_id": dispute.pk},
    )


class DisputeListView(PartnershipPageMixin, TemplateView):
    permission_required = "disputes.view_list"
    audit_verb = "disputes.viewed"
    template_name = "disputes/dispute_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        disputes = selectors.dispute_list(user=self.user, partnership=self.partnership)
        page = Paginator(disputes, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, page_range=page.paginator.get_elided_page_range(page.number))
        return context


class DisputeRaiseView(CaseMixin, FormView):
    """Raise a difference of opinion on a case the person can see."""

    permission_required = "disputes.raise"
    audit_verb = "dispute_form.viewed"
    template_name = "core/form_page.html"
    form_class = DisputeRaiseForm

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True)
        speaks_for_all = bool(roles_in(self.user, self.partnership) & SPEAKS_FOR_THE_PARTNERSHIP)
        if not speaks_for_all:
            led = [a.pk for a in agencies_led_by(self.user, self.partnership)]
            agencies = Agency.objects.filter(pk__in=led)
        return {
            **super().get_form_kwargs(),
            "agencies": agencies,
            "agency_required": not speaks_for_all,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title="Raise a difference of opinion",
            caption=f"{self.case.reference}, {self.case.pseudonym}",
            intro="The business unit first arranges a discussion with the partners' "
            "representatives. If that does not resolve it, it goes to the safeguarding "
            "partners, then to the independent scrutineer to mediate.",
            back_url=context["case_url"],
            cancel_url=context["case_url"],
        )
        return context

    def form_valid(self, form: DisputeRaiseForm) -> HttpResponse:
        try:
            dispute = services.dispute_raise(case=self.case, by=self.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(
            self.request, "Difference of opinion raised. The business unit has been told."
        )
        return HttpResponseRedirect(dispute_url(dispute))


class DisputeMixin(PartnershipPageMixin):
    """A page of one dispute: found only among the disputes the person may see (else 404),
    and checked against the dispute."""

    audit_verb = "dispute.viewed"
    dispute: Dispute

    def has_permission(self) -> bool:
        dispute = selectors.dispute_for(
            user=self.user, partnership=self.partnership, dispute_id=self.kwargs["dispute_id"]
        )
        if dispute is None:
            raise Http404
        self.dispute = dispute
        return super().has_permission()

    def get_permission_object(self) -> Model:
        return self.dispute

    def audited_object(self) -> Model:
        return self.dispute

    def current_stage(self) -> DisputeStage:
        current = self.dispute.current_stage
        if current is None:  # every dispute starts with its first stage
            raise Http404
        return current

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(
            dispute=self.dispute,
            case=self.dispute.case,
            dispute_url=dispute_url(self.dispute),
        )
        return context


def stage_rows(dispute: Dispute) -> list[tuple[Stage, DisputeStage | None]]:
    """Every stage in order, with its record if the dispute has reached it."""
    reached = {s.stage: s for s in dispute.stages.all()}
    return [(stage, reached.get(stage)) for stage in Stage]


class DisputeDetailView(DisputeMixin, TemplateView):
    permission_required = "disputes.view"
    template_name = "disputes/dispute_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        dispute, user = self.dispute, self.user
        current = self.current_stage()
        can_record = dispute.is_open and rules.has_perm("disputes.record_stage", user, dispute)
        context.update(
            stage_rows=stage_rows(dispute),
            current=current,
            close_form=StageCloseForm(stage=current.stage, initial={"version": dispute.version})
            if can_record
            else None,
            can_view_case=rules.has_perm("cases.view_case", user, dispute.case),
        )
        return context


SUCCESS: dict[str | int, str] = {
    DisputeState.RESOLVED: "Outcome recorded. The difference of opinion is resolved.",
    Stage.PARTNERS: "Outcome recorded. The difference of opinion has been escalated to the "
    "safeguarding partners, who have been told by e-mail.",
    Stage.MEDIATION: "Outcome recorded. The independent scrutineer has been asked by e-mail to "
    "mediate.",
}


class StageCloseView(DisputeMixin, FormView):
    """Record the current stage's outcome, then resolve or escalate (DISPUTE)."""

    permission_required = "disputes.record_stage"
    audit_verb = "dispute_stage_form.viewed"
    template_name = "disputes/close_stage.html"
    form_class = StageCloseForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.dispute.is_open:
            return HttpResponseRedirect(dispute_url(self.dispute))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "stage": self.current_stage().stage}

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.dispute.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        current = self.current_stage()
        context.update(
            title="Record the outcome of this stage",
            caption=f"{self.dispute.case.reference}, {self.dispute.case.pseudonym}",
            current=current,
            back_url=context["dispute_url"],
            cancel_url=context["dispute_url"],
        )
        return context

    def form_valid(self, form: StageCloseForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            dispute = services.dispute_stage_close(
                dispute=self.dispute,
                by=self.user,
                outcome=data["outcome"],
                ended_on=data["ended_on"],
                resolve=form.resolves,
                resolution=data["resolution"],
                expected_version=data["version"],
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        reached = self.current_stage().stage + 1  # the stage it was escalated to, if it was
        messages.success(self.request, SUCCESS[dispute.state if not dispute.is_open else reached])
        return HttpResponseRedirect(dispute_url(dispute))
