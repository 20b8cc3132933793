"""Pages for referral, triage, notifications and the case itself. Thin: forms validate,
services write, selectors read."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.cases import selectors, services
from cspr.cases.access import CaseMixin, case_url
from cspr.cases.adjustments import deadline_adjust
from cspr.cases.criteria import notifications_called_for, rapid_review_called_for
from cspr.cases.deadlines import answers_of, rapid_review_of
from cspr.cases.documents import data_pack_docx
from cspr.cases.forms import (
    CaseFilterForm,
    DeadlineAdjustmentForm,
    NotificationForm,
    ParallelProcessForm,
    ReferralForm,
    TriageForm,
)
from cspr.cases.models import NotificationKind, ParallelProcess
from cspr.cases.processes import parallel_process_add, parallel_process_update
from cspr.cases.themes import confirmed_themes
from cspr.cases.workflow import OPEN_STATES, CaseState, allowed
from cspr.core.conflicts import EditConflictMixin
from cspr.core.documents import DOCX_TYPE, download
from cspr.core.errors import DomainError, StaleEdit
from cspr.disputes.selectors import case_disputes_context
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.models import Agency
from cspr.partnerships.selectors import agencies_led_by, roles_in
from cspr.rapid_reviews.selectors import returns_for_user
from cspr.reviews.selectors import review_of

PAGE_SIZE = 25


class CaseListView(PartnershipPageMixin, TemplateView):
    """Open cases with their next deadline, most urgent first (the business unit's view)."""

    permission_required = "cases.view_case_list"
    audit_verb = "cases.viewed"
    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        stages = [
            (s.value, s.label) for s in (*OPEN_STATES, CaseState.LEARNING_REVIEW, CaseState.CLOSED)
        ]
        form = CaseFilterForm(
            self.request.GET or None, stages=stages, statuses=selectors.STATUS_CHOICES
        )
        filters = selectors.CaseFilters()
        if form.is_bound and form.is_valid():
            filters = selectors.CaseFilters(**form.cleaned_data)
        rows = selectors.case_rows(
            user=self.user,
            partnership=self.partnership,
            filters=filters,
            today=timezone.localdate(),
        )
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            query_string=query.urlencode(),
            page_range=page.paginator.get_elided_page_range(page.number),
            can_refer=rules.has_perm("cases.refer", self.user, self.partnership),
        )
        return context


def chronology_link(user: Any, review: Any) -> str:
    """Agency leads reach the review's chronology from the case page (the review page is not
    theirs)."""
    if review is None or not rules.has_perm("chronology.view", user, review):
        return ""
    return case_url(review.case, "chronology:list")


class ReferView(PartnershipPageMixin, FormView):
    permission_required = "cases.refer"
    audit_verb = "referral_form.viewed"
    template_name = "cases/refer.html"
    form_class = ReferralForm

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True)
        is_business_unit = "business_unit" in roles_in(self.user, self.partnership)
        own = (
            None
            if is_business_unit
            else agencies.filter(
                pk__in=[a.pk for a in agencies_led_by(self.user, self.partnership)]
            )
        )
        return {**super().get_form_kwargs(), "agencies": agencies, "own_agencies": own}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title="Refer a possible serious incident", caption=self.partnership.name)
        return context

    def form_valid(self, form: ReferralForm) -> HttpResponse:
        try:
            case = services.case_refer(
                partnership=self.partnership,
                by=self.user,
                referring_agency=form.cleaned_data["referring_agency"],
                case_values=form.case_values(),
                identity_values=form.identity_values(),
                agencies_involved=list(form.cleaned_data["agencies_involved"]),
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Referral sent. The case is {case.reference}, known as {case.pseudonym}."
        )
        return HttpResponseRedirect(case_url(case))


class CaseDetailView(CaseMixin, TemplateView):
    permission_required = "cases.view_case"
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case, user = self.case, self.user
        show_identity = rules.has_perm("cases.view_identity", user, case)
        identity = case.identity if show_identity else None
        context.update(
            row=selectors.case_row(case, today=timezone.localdate()),
            timeline=selectors.case_timeline(case),
            identity=identity,
            calls=notifications_called_for(answers_of(case, case.identity)),
            notifications=list(case.notifications.all()),
            can_triage=rules.has_perm("cases.triage", user, case)
            and allowed(case.state, "triage_and_close"),
            can_notify=rules.has_perm("cases.record_notification", user, case)
            and allowed(case.state, "record_notification"),
            can_see_pack=show_identity and rules.has_perm("cases.record_notification", user, case),
            rapid_review=rapid_review_of(case),
            can_start_rapid_review=rules.has_perm("rapid_reviews.run", user, case)
            and allowed(case.state, "start_rapid_review")
            and rapid_review_called_for(answers_of(case, case.identity)),
            can_view_rapid_review=rules.has_perm("rapid_reviews.view", user, case),
            my_returns=returns_for_user(case, user),
            can_adjust=rules.has_perm("cases.adjust_deadline", user, case),
            processes=list(case.processes.select_related("contact_agency")),
            chronology_link=chronology_link(user, review_of(case)),
            can_manage_processes=rules.has_perm("cases.manage_processes", user, case),
            case_themes=confirmed_themes(case),
            can_confirm_themes=rules.has_perm("cases.confirm_themes", user, case),
            can_open_review=rules.has_perm("cases.triage", user, case)
            and allowed(case.state, "open_review"),
            the_review=review_of(case)
            if rules.has_perm("reviews.view", user, review_of(case))
            else None,
            **case_disputes_context(user=user, case=case),
        )
        return context


class TriageView(CaseMixin, FormView):
    permission_required = "cases.triage"
    template_name = "cases/triage.html"
    form_class = TriageForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=f"Triage {self.case.reference}",
            caption=f"{self.case.pseudonym}",
            calls=notifications_called_for(answers_of(self.case, self.case.identity)),
            row=selectors.case_row(self.case, today=timezone.localdate()),
            cancel_url=case_url(self.case),
        )
        return context

    def form_valid(self, form: TriageForm) -> HttpResponse:
        try:
            services.case_triage(case=self.case, by=self.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Decision recorded.")
        return HttpResponseRedirect(case_url(self.case))


class NotificationRecordView(CaseMixin, FormView):
    permission_required = "cases.record_notification"
    template_name = "core/form_page.html"
    form_class = NotificationForm

    def kinds(self) -> list[NotificationKind]:
        recorded = {n.kind for n in self.case.notifications.all()}
        calls = notifications_called_for(answers_of(self.case, self.case.identity))
        return [c.kind for c in calls if c.kind not in recorded]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "kinds": self.kinds()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title="Record a notification",
            caption=f"{self.case.reference}, {self.case.pseudonym}",
            cancel_url=case_url(self.case),
            back_url=case_url(self.case),
        )
        return context

    def form_valid(self, form: NotificationForm) -> HttpResponse:
        try:
            services.notification_record(case=self.case, by=self.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Notification recorded.")
        return HttpResponseRedirect(case_url(self.case))


class NotificationDataPackView(CaseMixin, TemplateView):
    """Every answer in the order of the national form, ready to copy: the national form times
    out after 20 minutes and keeps nothing."""

    permission_required = "cases.record_notification"
    audit_verb = "notification_data_pack.viewed"
    template_name = "cases/data_pack.html"

    def has_permission(self) -> bool:
        allowed_here = super().has_permission()
        return allowed_here and rules.has_perm("cases.view_identity", self.user, self.case)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.case
        context.update(
            identity=case.identity,
            calls=notifications_called_for(answers_of(case, case.identity)),
            row=selectors.case_row(case, today=timezone.localdate()),
            agencies=list(case.agencies_involved.all()),
        )
        return context


class DeadlineAdjustView(CaseMixin, FormView):
    """Extend or pause one deadline, with a reason; the statutory date stays visible."""

    permission_required = "cases.adjust_deadline"
    template_name = "cases/adjust.html"
    form_class = DeadlineAdjustmentForm

    def load(self) -> None:
        super().load()
        row = selectors.case_row(self.case, today=timezone.localdate())
        wanted = (self.kwargs["rule_id"], self.kwargs.get("invitation_id"))
        deadline = next(
            (d for d in row.deadlines if (d.rule.id, d.invitation_id) == wanted and d.is_open),
            None,
        )
        if deadline is None:
            raise Http404
        self.deadline = deadline

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Extend or pause: {self.deadline.label}",
            deadline=self.deadline,
            caption=f"{self.case.reference}, {self.case.pseudonym}",
            cancel_url=case_url(self.case),
            **kwargs,
        )

    def form_valid(self, form: DeadlineAdjustmentForm) -> HttpResponse:
        try:
            deadline_adjust(
                case=self.case, deadline=self.deadline, by=self.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Deadline changed. The statutory date is still shown.")
        return HttpResponseRedirect(case_url(self.case))


class NotificationDataPackDocxView(NotificationDataPackView):
    """The same data pack as a Word file; the download is audited as an export."""

    audit_verb = "notification_data_pack.exported"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return download(
            data_pack_docx(self.case),
            filename=f"{self.case.reference}-data-pack.docx",
            content_type=DOCX_TYPE,
        )


class ParallelProcessView(EditConflictMixin, CaseMixin, FormView):
    """Add a parallel process, or change one (``process_id``)."""

    permission_required = "cases.manage_processes"
    template_name = "core/form_page.html"
    form_class = ParallelProcessForm
    process: ParallelProcess | None = None
    conflict_record = "process"

    def load(self) -> None:
        super().load()
        if "process_id" in self.kwargs:
            process = self.case.processes.filter(pk=self.kwargs["process_id"]).first()
            if process is None:
                raise Http404
            self.process = process

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_initial(self) -> dict[str, Any]:
        if self.process is None:
            return {"status": "under_way"}
        p = self.process
        return {
            "kind": p.kind,
            "status": p.status,
            "contact_agency": p.contact_agency,
            "notes": p.notes,
            "version": p.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        title = "Change a parallel process" if self.process else "Add a parallel process"
        return super().get_context_data(
            title=title,
            cancel_url=case_url(self.case),
            caption=f"{self.case.reference}, {self.case.pseudonym}",
            **kwargs,
        )

    def form_valid(self, form: ParallelProcessForm) -> HttpResponse:
        try:
            values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            if self.process is None:
                parallel_process_add(case=self.case, by=self.user, values=values)
            else:
                parallel_process_update(
                    process=self.process,
                    by=self.user,
                    values=values,
                    expected_version=form.cleaned_data["version"] or 0,
                )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Parallel process saved.")
        return HttpResponseRedirect(case_url(self.case))
