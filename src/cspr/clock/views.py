"""The public page on how deadlines are worked out, each partnership's deadline settings, and
the extra bank holidays."""

import datetime as dt
from typing import Any

import rules
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from cspr.accounts.models import signed_in_user
from cspr.clock import selectors, services
from cspr.clock.forms import ExtraBankHolidayForm, RuleSettingForm, StartDateForm
from cspr.clock.models import ExtraBankHoliday
from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit
from cspr.core.views import ConfirmActionMixin, ProtectedViewMixin, PublicViewMixin
from cspr.partnerships.access import PartnershipPageMixin
from cspr.statutory.calendar import bank_holidays
from cspr.statutory.rules import RULES, Rule


class RulesPageView(PublicViewMixin, TemplateView):
    """How deadlines are worked out: every rule, its length, clock start and source, and each
    rule's date from a date anyone enters."""

    template_name = "clock/rules.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = StartDateForm(self.request.GET if "start_0" in self.request.GET else None)
        context["form"] = form
        context["rules"] = list(RULES.values())
        if form.is_bound and form.is_valid():
            context["start"] = form.cleaned_data["start"]
            context["table"] = selectors.deadline_table(start=form.cleaned_data["start"])
        year = dt.date.today().year  # noqa: DTZ011 (a calendar date in England)
        context["bank_holiday_years"] = [(y, bank_holidays(y)) for y in (year, year + 1)]
        return context


class RuleSettingsView(PartnershipPageMixin, TemplateView):
    permission_required = "clock.view_rule_settings"
    audit_verb = "rule_settings.viewed"
    template_name = "clock/settings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.rule_rows(partnership=self.partnership)
        context["perms_change"] = rules.has_perm(
            "clock.change_rule_settings", self.user, self.partnership
        )
        return context


class RuleSettingMixin(PartnershipPageMixin):
    permission_required = "clock.change_rule_settings"
    audit_verb = "rule_settings.viewed"
    rule: Rule

    def has_permission(self) -> bool:
        rule = RULES.get(self.kwargs["rule_id"])
        if rule is None or not rule.configurable:
            raise Http404
        self.rule = rule
        return super().has_permission()

    def settings_url(self) -> str:
        return reverse("clock:settings", kwargs={"partnership_slug": self.partnership.slug})


class RuleSettingEditView(EditConflictMixin, RuleSettingMixin, FormView):
    template_name = "clock/setting_form.html"
    form_class = RuleSettingForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "unit": self.rule.unit.value}

    def current(self) -> Any:
        return selectors.rule_settings(partnership=self.partnership).get(self.rule.id)

    def get_initial(self) -> dict[str, Any]:
        local = self.current()
        if local is None:
            return {"length": self.rule.length, "version": 0}  # 0: no local length yet
        return {"length": local.length, "reason": local.reason, "version": local.version}

    def reload_record(self) -> Any:
        return self.current()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=f"Change the length of {self.rule.id}",
            caption=self.partnership.name,
            rule=self.rule,
            local=self.current(),
            cancel_url=self.settings_url(),
        )
        return context

    def form_valid(self, form: RuleSettingForm) -> HttpResponse:
        try:
            services.rule_setting_set(
                partnership=self.partnership,
                by=self.user,
                rule_id=self.rule.id,
                length=form.cleaned_data["length"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except StaleEdit as error:
            return self.edit_conflict(form, error)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, f"The local length of {self.rule.id} is saved.")
        return HttpResponseRedirect(self.settings_url())


class RuleSettingResetView(ConfirmActionMixin, RuleSettingMixin, TemplateView):
    confirm_label = "Use the default"

    def confirm_context(self) -> dict[str, Any]:
        return {
            **super().confirm_context(),
            "title": f"Go back to the statutory default for {self.rule.id}",
            "explanation": f"Deadlines for {self.rule.id} will be {self.rule.period()} "
            f"{self.rule.clock_starts}.",
        }

    def act(self) -> None:
        services.rule_setting_reset(
            partnership=self.partnership, by=self.user, rule_id=self.rule.id
        )
        self.success_message = f"{self.rule.id} uses the statutory default again."

    def done_url(self) -> str:
        return self.settings_url()


class BankHolidaysView(ProtectedViewMixin, FormView):
    """Add a bank holiday announced after the calendar package was released."""

    permission_required = "clock.manage_bank_holidays"
    template_name = "clock/bank_holidays.html"
    form_class = ExtraBankHolidayForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["extras"] = selectors.extra_bank_holidays()
        context["title"] = "Extra bank holidays"
        return context

    def form_valid(self, form: ExtraBankHolidayForm) -> HttpResponse:
        user = signed_in_user(self.request.user)
        try:
            services.extra_bank_holiday_add(
                by=user, day=form.cleaned_data["day"], name=form.cleaned_data["name"]
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Bank holiday added. Deadlines now count it.")
        return HttpResponseRedirect(reverse("clock:bank-holidays"))


class BankHolidayRemoveView(ConfirmActionMixin, ProtectedViewMixin, TemplateView):
    permission_required = "clock.manage_bank_holidays"
    confirm_label = "Remove bank holiday"
    destructive = True
    success_message = "Bank holiday removed."

    def holiday(self) -> ExtraBankHoliday:
        holiday = ExtraBankHoliday.objects.filter(pk=self.kwargs["holiday_id"]).first()
        if holiday is None:
            raise Http404
        return holiday

    def confirm_context(self) -> dict[str, Any]:
        holiday = self.holiday()
        return {
            **super().confirm_context(),
            "title": f"Remove {holiday.name}",
            "explanation": f"{holiday.day:%-d %B %Y} will count as a working day again, "
            "and every deadline across it moves one working day earlier.",
        }

    def act(self) -> None:
        services.extra_bank_holiday_remove(
            by=signed_in_user(self.request.user), holiday=self.holiday()
        )

    def done_url(self) -> str:
        return reverse("clock:bank-holidays")
