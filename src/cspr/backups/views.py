"""The partnership's retention page: how long closed cases are kept, and which cases that
deletes when. Thin: the form validates, services write, selectors read."""

from typing import Any

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.backups import selectors
from cspr.backups.forms import RetentionForm
from cspr.backups.services.retention import retention_policy_remove, retention_policy_set
from cspr.core.errors import DomainError
from cspr.core.views import ConfirmActionMixin
from cspr.partnerships.access import PartnershipPageMixin

PAGE_SIZE = 25


class RetentionMixin(PartnershipPageMixin):
    def retention_url(self) -> str:
        return reverse("backups:retention", kwargs={"partnership_slug": self.partnership.slug})


class RetentionView(RetentionMixin, TemplateView):
    permission_required = "backups.view_retention"
    audit_verb = "retention.viewed"
    template_name = "backups/retention.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        policy = selectors.policy_of(self.partnership)
        today = timezone.localdate()
        closed = selectors.closed_cases(
            partnership=self.partnership, years=policy.years if policy else None
        )
        page = Paginator(closed, PAGE_SIZE).get_page(self.request.GET.get("page"))
        upcoming = [c.delete_from for c in closed if c.delete_from and c.delete_from > today]
        context.update(
            policy=policy,
            today=today,
            closed_count=len(closed),
            expired_count=sum(1 for c in closed if c.is_expired(today)),
            next_deletion=min(upcoming, default=None),
            deleted_count=selectors.deletions(partnership=self.partnership).count(),
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            perms_change=rules.has_perm("backups.change_retention", self.user, self.partnership),
            perms_cases=rules.has_perm("backups.view_closed_cases", self.user, self.partnership),
        )
        return context


class RetentionEditView(RetentionMixin, FormView):
    permission_required = "backups.change_retention"
    audit_verb = "retention_form.viewed"
    template_name = "core/form_page.html"
    form_class = RetentionForm

    def get_initial(self) -> dict[str, Any]:
        policy = selectors.policy_of(self.partnership)
        if policy is None:
            return {}
        return {"years": policy.years, "basis": policy.basis, "version": policy.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title="How long to keep closed cases",
            caption=self.partnership.name,
            intro="When a case has been closed for this many years, it is deleted with its "
            "documents, chronology and scoping returns. Published reports and published "
            "learning stay public.",
            back_url=self.retention_url(),
            cancel_url=self.retention_url(),
        )
        return context

    def form_valid(self, form: RetentionForm) -> HttpResponse:
        try:
            retention_policy_set(
                partnership=self.partnership,
                by=self.user,
                years=form.cleaned_data["years"],
                basis=form.cleaned_data["basis"],
                expected_version=form.cleaned_data.get("version"),
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Retention period saved.")
        return HttpResponseRedirect(self.retention_url())


class RetentionStopView(ConfirmActionMixin, RetentionMixin, TemplateView):
    permission_required = "backups.change_retention"
    audit_verb = "retention_form.viewed"
    confirm_title = "Keep closed cases indefinitely"
    explanation = (
        "No case will be deleted until a retention period is set again. Cases already deleted "
        "cannot be brought back."
    )
    confirm_label = "Keep closed cases indefinitely"
    success_message = "Closed cases are now kept indefinitely."

    def act(self) -> None:
        retention_policy_remove(partnership=self.partnership, by=self.user)

    def done_url(self) -> str:
        return self.retention_url()
