"""Pages of a review: opening it, its record, reviewers, terms of reference, participants,
requests to the reviewer, marking the report final, and the partners' monitoring view."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.accounts.models import User
from cspr.cases.access import CaseMixin, case_url
from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError
from cspr.core.views import ConfirmActionMixin, ServiceFormMixin
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.models import Agency, Role
from cspr.rapid_reviews.criteria import Outcome
from cspr.rapid_reviews.services.decisions import partners_represented_by, required_partners
from cspr.reviews import selectors, services
from cspr.reviews.access import ReviewPageMixin, review_url
from cspr.reviews.forms import (
    CommissionForm,
    ParticipantForm,
    ParticipantStatusForm,
    ReviewEditForm,
    ReviewerRequestForm,
    ReviewOpenForm,
    TermsApprovalForm,
    TermsForm,
)
from cspr.reviews.models import Commission, Participant, ReviewerRequest, TermsOfReference
from cspr.reviews.workflow import allowed

MONITORING_PAGE_SIZE = 50


class FormServiceMixin(ServiceFormMixin):
    """A form that runs a service and goes back to the review."""

    review: Any

    def done_url(self) -> str:
        return review_url(self.review)


class ReviewOpenView(CaseMixin, FormView):
    permission_required = "cases.triage"  # the business unit of the case
    template_name = "core/form_page.html"
    form_class = ReviewOpenForm

    def get_initial(self) -> dict[str, Any]:
        outcome = getattr(getattr(self.case, "rapid_review", None), "recommended_outcome", "")
        kind = services.KIND_FOR_OUTCOME.get(Outcome(outcome)) if outcome else None
        return {"kind": kind}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="Open the review",
            caption=f"{self.case.reference}, {self.case.pseudonym}",
            cancel_url=case_url(self.case),
            **kwargs,
        )

    def form_valid(self, form: ReviewOpenForm) -> HttpResponse:
        try:
            review = services.review_open(case=self.case, by=self.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Review opened. Commission the reviewer next.")
        return HttpResponseRedirect(review_url(review))


class ReviewDetailView(ReviewPageMixin, TemplateView):
    permission_required = "reviews.view"
    template_name = "reviews/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review = selectors.review_with_everything(self.review)
        user = self.user
        manages = rules.has_perm("reviews.manage", user, review)
        terms = list(review.terms.all())
        context.update(
            review=review,
            progress=selectors.progress(review, today=timezone.localdate()),
            terms=terms,
            latest_terms=terms[-1] if terms else None,
            required_partners=required_partners(self.partnership),
            can_manage=manages and allowed(review.state, "edit"),
            can_commission=manages and allowed(review.state, "commission_reviewer"),
            can_approve=rules.has_perm("reviews.approve_terms", user, review),
            can_mark_final=manages and allowed(review.state, "mark_report_final"),
            final_problems=services.final_report_problems(review)
            if allowed(review.state, "mark_report_final")
            else [],
            today=timezone.localdate(),
            processes=list(self.case.processes.select_related("contact_agency")),
        )
        return context


class ReviewEditView(EditConflictMixin, FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = ReviewEditForm
    conflict_record = "review"

    def get_initial(self) -> dict[str, Any]:
        r = self.review
        return {
            "methodology": r.methodology,
            "methodology_notes": r.methodology_notes,
            "panel_members": r.panel_members,
            "family_not_invited_reason": r.family_not_invited_reason,
            "version": r.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Change the review's record", **kwargs)

    def run(self, form: Any) -> Any:
        values = dict(form.cleaned_data)
        version = values.pop("version")
        return services.review_update(
            review=self.review, by=self.user, values=values, expected_version=version
        )


class CommissionView(FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = CommissionForm
    success_message = "Reviewer commissioned. They can see this case for the commission only."

    def get_form_kwargs(self) -> dict[str, Any]:
        reviewers = User.objects.filter(
            memberships__partnership=self.partnership,
            memberships__role=Role.REVIEWER,
            memberships__ended_at__isnull=True,
            is_active=True,
        ).distinct()
        return {**super().get_form_kwargs(), "reviewers": reviewers}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Commission a reviewer", **kwargs)

    def run(self, form: Any) -> Any:
        return services.reviewer_commission(review=self.review, by=self.user, **form.cleaned_data)


class CommissionEndView(ConfirmActionMixin, ReviewPageMixin, TemplateView):
    permission_required = "reviews.manage"
    confirm_title = "End the commission today"
    explanation = "The reviewer keeps access until the end of today, then loses it."
    confirm_label = "End the commission"
    destructive = True
    success_message = "The commission ends today."
    commission: Commission

    def load(self) -> None:
        """The commission is found before the page is shown (another review's is a 404)."""
        super().load()
        commission = self.review.commissions.filter(pk=self.kwargs["commission_id"]).first()
        if commission is None:
            raise Http404
        self.commission = commission

    def act(self) -> None:
        services.commission_end(commission=self.commission, by=self.user)

    def done_url(self) -> str:
        return review_url(self.review)


class TermsView(EditConflictMixin, FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = TermsForm
    success_message = "Terms of reference saved. The safeguarding partners can now approve them."

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def reload_record(self) -> TermsOfReference | None:
        return self.review.terms.order_by("-number").first()

    def get_initial(self) -> dict[str, Any]:
        """A new version starts from the latest, whose number the form keeps (``version``)."""
        latest = self.reload_record()
        if latest is None:
            return {"version": 0}
        return {
            "scope_from": latest.scope_from,
            "scope_to": latest.scope_to,
            "lines_of_enquiry": latest.lines_of_enquiry,
            "agencies": list(latest.agencies_in_scope.all()),
            "version": latest.number,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Terms of reference: a new version", **kwargs)

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.terms_draft(
            review=self.review,
            by=self.user,
            scope_from=data["scope_from"],
            scope_to=data["scope_to"],
            lines_of_enquiry=data["lines_of_enquiry"],
            agencies=list(data["agencies"]),
            expected_latest=data["version"],
        )


class TermsApproveView(FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.approve_terms"
    template_name = "reviews/terms_approve.html"
    form_class = TermsApprovalForm
    success_message = "Approval recorded."

    def load(self) -> None:
        super().load()
        terms = TermsOfReference.objects.filter(
            review=self.review, number=self.kwargs["number"]
        ).first()
        if terms is None:
            raise Http404
        self.terms = terms

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "partners": partners_represented_by(self.user, self.partnership),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Approve version {self.terms.number} of the terms of reference",
            terms=self.terms,
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return services.terms_approve(terms=self.terms, by=self.user, **form.cleaned_data)


class ParticipantAddView(FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = ParticipantForm
    success_message = "Added."

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Add a practitioner or family member", **kwargs)

    def run(self, form: Any) -> Any:
        return services.participant_add(review=self.review, by=self.user, values=form.cleaned_data)


class ParticipantEditView(EditConflictMixin, FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = ParticipantStatusForm
    conflict_record = "participant"

    def load(self) -> None:
        super().load()
        participant = Participant.objects.filter(
            review=self.review, pk=self.kwargs["participant_id"]
        ).first()
        if participant is None:
            raise Http404
        self.participant = participant

    def get_initial(self) -> dict[str, Any]:
        return {
            "status": self.participant.status,
            "how_views_gathered": self.participant.how_views_gathered,
            "version": self.participant.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title=f"{self.participant.name}: taking part", **kwargs)

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.participant_update(
            participant=self.participant,
            by=self.user,
            status=data["status"],
            how_views_gathered=data["how_views_gathered"],
            expected_version=data["version"],
        )


class RequestAddView(FormServiceMixin, ReviewPageMixin, FormView):
    permission_required = "reviews.manage"
    template_name = "core/form_page.html"
    form_class = ReviewerRequestForm
    success_message = "Request recorded."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="Ask the reviewer for information or a draft", **kwargs
        )

    def run(self, form: Any) -> Any:
        return services.reviewer_request_add(review=self.review, by=self.user, **form.cleaned_data)


class RequestFulfilView(ReviewPageMixin, TemplateView):
    permission_required = "reviews.manage"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = ReviewerRequest.objects.filter(
            review=self.review, pk=self.kwargs["request_id"]
        ).first()
        if item is None:
            raise Http404
        try:
            services.reviewer_request_fulfil(request=item, by=self.user)
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(review_url(self.review))


class MarkFinalView(ConfirmActionMixin, ReviewPageMixin, TemplateView):
    permission_required = "reviews.manage"
    confirm_title = "Mark the report final"
    explanation = (
        "The review's completion date is recorded as today. The report then goes through the "
        "anonymisation check before it can be published."
    )
    confirm_label = "Mark the report final"
    success_message = "The report is final."

    def act(self) -> None:
        services.review_mark_final(review=self.review, by=self.user)

    def done_url(self) -> str:
        return review_url(self.review)


class MonitoringView(PartnershipPageMixin, TemplateView):
    """The partners' view of every open review's progress against its due date."""

    permission_required = "reviews.view_monitoring"
    audit_verb = "reviews.viewed"
    template_name = "reviews/monitoring.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = selectors.monitoring_rows(
            user=self.user, partnership=self.partnership, today=timezone.localdate()
        )
        # Sorted by the due date worked out for each review, so paged after sorting.
        page = Paginator(rows, MONITORING_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            rows=page.object_list,
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
        )
        return context
