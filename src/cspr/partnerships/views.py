"""Pages for a partnership's home, its agencies and its people. Thin: forms validate,
services write, selectors read."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.accounts.two_factor import two_factor_reset
from cspr.cases.selectors import CaseFilters, case_rows
from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.views import ConfirmActionMixin, ProtectedViewMixin
from cspr.partnerships import services
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.forms import AgencyForm, MembershipForm, PersonForm
from cspr.partnerships.models import Agency, Membership, Role
from cspr.partnerships.selectors import (
    agencies_led_by,
    agency_list,
    membership_list,
    memberships_of,
    partnerships_of,
    roles_in,
)
from cspr.rapid_reviews.selectors import agency_obligations

PAGE_SIZE = 50
HOME_CASES = 5


class HomeView(ProtectedViewMixin, TemplateView):
    """Where a signed-in person lands: their partnerships and roles."""

    permission_required = "core.view_home"
    template_name = "partnerships/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        mine = partnerships_of(request.user)
        if len(mine) == 1:
            return redirect("partnerships:home", partnership_slug=mine[0].slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = memberships_of(self.request.user)
        return context


class PartnershipHomeView(PartnershipPageMixin, TemplateView):
    """The home page for each role: for now, what the person may see and do here."""

    permission_required = "partnerships.view_partnership"
    template_name = "partnerships/partnership_home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        roles = roles_in(self.user, self.partnership)
        context["roles"] = [Role(role) for role in sorted(roles)]
        context["role_values"] = roles
        context["led_agencies"] = agencies_led_by(self.user, self.partnership)
        if roles & {Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}:
            context["urgent_rows"] = case_rows(
                user=self.user,
                partnership=self.partnership,
                filters=CaseFilters(),
                today=timezone.localdate(),
            )[:HOME_CASES]
        if Role.AGENCY_LEAD in roles:
            context["obligations"] = agency_obligations(
                user=self.user, partnership=self.partnership, today=timezone.localdate()
            )
            context["agency_rows"] = case_rows(
                user=self.user,
                partnership=self.partnership,
                filters=CaseFilters(),
                today=timezone.localdate(),
            )
        context["memberships_here"] = [
            m for m in memberships_of(self.user) if m.partnership_id == self.partnership.pk
        ]
        return context


class AgencyListView(PartnershipPageMixin, TemplateView):
    permission_required = "partnerships.manage_agencies"
    audit_verb = "agencies.viewed"
    template_name = "partnerships/agency_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(agency_list(partnership=self.partnership), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class AgencyFormView(EditConflictMixin, PartnershipPageMixin, FormView):
    permission_required = "partnerships.manage_agencies"
    audit_verb = "agency.viewed"
    template_name = "core/form_page.html"
    form_class = AgencyForm
    agency: Agency | None = None
    conflict_record = "agency"

    def get_agency(self) -> Agency | None:
        agency_id = self.kwargs.get("agency_id")
        if agency_id is None:
            return None
        agency = Agency.objects.filter(partnership=self.partnership, pk=agency_id).first()
        if agency is None:
            raise Http404
        return agency

    def has_permission(self) -> bool:
        self.agency = self.get_agency()
        return super().has_permission()

    def audited_object(self) -> Any:
        return self.agency or self.partnership

    def get_initial(self) -> dict[str, Any]:
        if self.agency is None:
            return {"is_active": True}
        return {
            "name": self.agency.name,
            "kind": self.agency.kind,
            "statutory_partner": self.agency.statutory_partner,
            "is_active": self.agency.is_active,
            "version": self.agency.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = f"Change {self.agency.name}" if self.agency else "Add an agency"
        context["caption"] = self.partnership.name
        context["cancel_url"] = self.success_url_()
        return context

    def success_url_(self) -> str:
        return reverse("partnerships:agencies", kwargs={"partnership_slug": self.partnership.slug})

    def form_valid(self, form: AgencyForm) -> HttpResponse:
        values = {key: form.cleaned_data[key] for key in services.AGENCY_FIELDS}
        try:
            if self.agency is None:
                agency = services.agency_create(
                    partnership=self.partnership, by=self.user, **values
                )
                messages.success(self.request, f"{agency.name} added.")
            else:
                agency = services.agency_update(
                    agency=self.agency,
                    by=self.user,
                    expected_version=form.cleaned_data.get("version") or 0,
                    **values,
                )
                messages.success(self.request, f"{agency.name} saved.")
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.success_url_())


class PeopleListView(PartnershipPageMixin, TemplateView):
    permission_required = "partnerships.manage_people"
    audit_verb = "people.viewed"
    template_name = "partnerships/people_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(membership_list(partnership=self.partnership), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class PersonAddView(PartnershipPageMixin, FormView):
    permission_required = "partnerships.manage_people"
    audit_verb = "people.viewed"
    template_name = "core/form_page.html"
    form_class = PersonForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Add a person"
        context["caption"] = self.partnership.name
        context["intro"] = "A person can hold several roles. Add them once for each role they need."
        context["cancel_url"] = self.people_url()
        return context

    def people_url(self) -> str:
        return reverse("partnerships:people", kwargs={"partnership_slug": self.partnership.slug})

    def form_valid(self, form: PersonForm) -> HttpResponse:
        try:
            services.person_add(partnership=self.partnership, by=self.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, f"{form.cleaned_data['full_name']} added.")
        return HttpResponseRedirect(self.people_url())


class MembershipMixin(PartnershipPageMixin):
    permission_required = "partnerships.manage_people"
    audit_verb = "membership.viewed"
    membership: Membership

    def has_permission(self) -> bool:
        membership = (
            Membership.objects.current()
            .filter(partnership=self.partnership, pk=self.kwargs["membership_id"])
            .select_related("user", "agency", "partnership")
            .first()
        )
        if membership is None:
            raise Http404
        self.membership = membership
        return super().has_permission()

    def audited_object(self) -> Any:
        return self.membership

    def people_url(self) -> str:
        return reverse("partnerships:people", kwargs={"partnership_slug": self.partnership.slug})


class MembershipEditView(EditConflictMixin, MembershipMixin, FormView):
    template_name = "core/form_page.html"
    form_class = MembershipForm
    conflict_record = "membership"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self) -> dict[str, Any]:
        return {
            "role": self.membership.role,
            "agency": self.membership.agency,
            "statutory_partner": self.membership.statutory_partner,
            "version": self.membership.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = f"Change {self.membership.user.full_name}'s role"
        context["caption"] = self.partnership.name
        context["cancel_url"] = self.people_url()
        return context

    def form_valid(self, form: MembershipForm) -> HttpResponse:
        try:
            services.membership_update(
                membership=self.membership,
                by=self.user,
                expected_version=form.cleaned_data.get("version") or 0,
                role=form.cleaned_data["role"],
                agency=form.cleaned_data["agency"],
                statutory_partner=form.cleaned_data["statutory_partner"],
            )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.membership.user.full_name}'s role saved.")
        return HttpResponseRedirect(self.people_url())


class MembershipEndView(ConfirmActionMixin, MembershipMixin, TemplateView):
    confirm_label = "End role"
    destructive = True

    def confirm_context(self) -> dict[str, Any]:
        name = self.membership.user.full_name
        return {
            **super().confirm_context(),
            "title": f"End {name}'s role as {self.membership.get_role_display().lower()}",
            "explanation": f"{name} will no longer be able to act in this role for "
            f"{self.partnership.name}. Their other roles and their account are not changed.",
        }

    def act(self) -> None:
        services.membership_end(membership=self.membership, by=self.user)
        self.success_message = f"{self.membership.user.full_name}'s role ended."

    def done_url(self) -> str:
        return self.people_url()


class TwoFactorResetView(ConfirmActionMixin, MembershipMixin, TemplateView):
    """An administrator resets a member's two-factor sign-in (after checking it is really them
    asking): their authenticator app and recovery codes go, their sessions end, and they set
    it up again when they next sign in. Confirm on GET, act on POST; audited, and the person
    is told by e-mail."""

    permission_required = "partnerships.reset_two_factor"
    audit_verb = "two_factor_reset.viewed"
    confirm_label = "Reset two-factor sign-in"
    destructive = True

    def get_permission_object(self) -> Any:
        return self.membership

    def confirm_context(self) -> dict[str, Any]:
        name = self.membership.user.full_name
        return {
            **super().confirm_context(),
            "title": f"Reset {name}'s two-factor sign-in",
            "explanation": f"Only do this if you are sure {name} asked for it, for example "
            "because they have lost their phone and their recovery codes: check with them "
            "directly, not by replying to an e-mail. They will be signed out everywhere, their "
            "recovery codes will stop working, and they will set up two-factor sign-in again "
            "the next time they sign in. We will e-mail them to say it was reset.",
        }

    def act(self) -> None:
        two_factor_reset(
            person=self.membership.user,
            by=self.user,
            partnership_id=self.partnership.pk,
            membership_id=self.membership.pk,
        )
        self.success_message = f"{self.membership.user.full_name}'s two-factor sign-in was reset."

    def done_url(self) -> str:
        return self.people_url()
