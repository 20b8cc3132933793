"""Sign-in, sign-out and password reset (Django's own views in CSPR's pages), and the
two-factor sign-in pages: set-up, the security code, recovery codes and the account page."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login

from cspr.accounts import two_factor
from cspr.accounts.forms import (
    ConfirmAuthenticatorForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    RecoveryCodeForm,
    SecurityCodeForm,
    SignInForm,
)
from cspr.accounts.models import User, signed_in_user
from cspr.core.errors import DomainError
from cspr.core.views import ConfirmActionMixin, ProtectedViewMixin, PublicViewMixin

SETUP_KEY_SESSION = "cspr_two_factor_setup_key"
NEW_CODES_SESSION = "cspr_new_recovery_codes"
RECOVERY_CODES_RUNNING_LOW = 3


def safe_next(request: HttpRequest) -> str:
    """Where the person was going (``next``), if it is a page of this site; else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


class SignInView(PublicViewMixin, auth_views.LoginView):
    """The password step. The second step (the security code, or setting up two-factor sign-in
    on the first sign-in) follows at once, keeping where the person was going."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}

    def get_success_url(self) -> str:
        destination = super().get_success_url()
        user = self.request.user
        if two_factor.is_verified(user):
            return destination
        step = "two-factor-verify" if two_factor.has_authenticator(user) else "two-factor-set-up"
        return with_next(reverse(f"accounts:{step}"), destination)


class SignOutView(PublicViewMixin, auth_views.LogoutView):  # type: ignore[misc]
    """Sign-out is a POST from the header's button; the session ends at once."""


class SignedOutView(PublicViewMixin, TemplateView):
    template_name = "accounts/signed_out.html"


class PasswordResetView(PublicViewMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    extra_context = {"title": "Set a new password"}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"base_url": settings.CSPR_BASE_URL}
        return super().form_valid(form)


class PasswordResetSentView(PublicViewMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(PublicViewMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(PublicViewMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes shows after too many failed sign-ins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class TwoFactorPageMixin(ProtectedViewMixin):
    """A page about the signed-in person's own second factor: the permission object is the
    person. Pages open before the second factor is given say ``allowed_before_second_factor``
    (``TwoFactorRequiredMiddleware`` lets them through)."""

    allowed_before_second_factor = False
    request: HttpRequest

    def get_permission_object(self) -> Any:
        return self.request.user

    @property
    def person(self) -> User:
        return signed_in_user(self.request.user)

    def verified_in_this_session(self, device: Any) -> None:
        """Mark the session as verified by ``device``, under a new session key."""
        otp_login(self.request, device)
        self.request.session.cycle_key()


class TwoFactorSetUpView(TwoFactorPageMixin, FormView):
    """First sign-in: scan the QR code (or type the key), confirm the first code; then the ten
    recovery codes are shown once."""

    permission_required = "accounts.set_up_two_factor"
    allowed_before_second_factor = True
    template_name = "accounts/two_factor_set_up.html"
    form_class = ConfirmAuthenticatorForm

    def handle_no_permission(self) -> HttpResponseRedirect:
        user = self.request.user
        if user.is_authenticated and two_factor.has_authenticator(user):
            if two_factor.is_verified(user):
                return HttpResponseRedirect(reverse("accounts:two-factor"))
            return HttpResponseRedirect(
                with_next(reverse("accounts:two-factor-verify"), safe_next(self.request))
            )
        return super().handle_no_permission()

    def setup_key(self) -> str:
        """The new secret, kept in the session (never in a URL) until the code confirms it."""
        key = self.request.session.get(SETUP_KEY_SESSION)
        if not key:
            key = two_factor.new_key()
            self.request.session[SETUP_KEY_SESSION] = key
        return str(key)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        key = self.setup_key()
        uri = two_factor.provisioning_uri(user=self.person, key_hex=key)
        context["qr_code"] = two_factor.qr_code_data_uri(uri)
        context["key_groups"] = two_factor.key_for_people(key).split()
        context["title"] = "Set up two-factor sign-in"
        return context

    def form_valid(self, form: ConfirmAuthenticatorForm) -> HttpResponse:
        try:
            result = two_factor.two_factor_set_up(
                user=self.person, key_hex=self.setup_key(), code=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        self.request.session.pop(SETUP_KEY_SESSION, None)
        self.verified_in_this_session(result.device)
        self.request.session[NEW_CODES_SESSION] = result.recovery_codes
        messages.success(self.request, "Two-factor sign-in is set up.")
        return HttpResponseRedirect(
            with_next(reverse("accounts:recovery-codes"), safe_next(self.request))
        )


class SecondStepMixin(TwoFactorPageMixin):
    """The code pages of the sign-in's second step."""

    permission_required = "accounts.enter_security_code"
    allowed_before_second_factor = True
    template_name: str | None = "accounts/two_factor_code.html"

    def handle_no_permission(self) -> HttpResponseRedirect:
        user = self.request.user
        if user.is_authenticated and not two_factor.has_authenticator(user):
            return HttpResponseRedirect(
                with_next(reverse("accounts:two-factor-set-up"), safe_next(self.request))
            )
        return super().handle_no_permission()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if two_factor.is_verified(request.user):
            return HttpResponseRedirect(safe_next(request))
        return super().get(request, *args, **kwargs)  # type: ignore[misc]


class SecurityCodeView(SecondStepMixin, FormView):
    form_class = SecurityCodeForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Enter your security code"
        context["other_way"] = with_next(
            reverse("accounts:two-factor-recovery"), safe_next(self.request)
        )
        context["other_way_label"] = "I cannot use my authenticator app"
        return context

    def form_valid(self, form: SecurityCodeForm) -> HttpResponse:
        try:
            verified = two_factor.two_factor_verify(
                user=self.person, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        self.verified_in_this_session(verified.device)
        return HttpResponseRedirect(safe_next(self.request))


class RecoveryCodeSignInView(SecondStepMixin, FormView):
    form_class = RecoveryCodeForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Enter a recovery code"
        context["intro"] = (
            "If you cannot use your authenticator app, use one of the recovery codes you kept "
            "when you set up two-factor sign-in."
        )
        context["other_way"] = with_next(
            reverse("accounts:two-factor-verify"), safe_next(self.request)
        )
        context["other_way_label"] = "Use my authenticator app instead"
        context["no_codes_help"] = True
        return context

    def form_valid(self, form: RecoveryCodeForm) -> HttpResponse:
        try:
            verified = two_factor.two_factor_verify_recovery_code(
                user=self.person, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        self.verified_in_this_session(verified.device)
        left = verified.recovery_codes_left or 0
        plural = "code" if left == 1 else "codes"
        text = (
            "You signed in with a recovery code. It cannot be used again. "
            f"You have {left} {plural} left."
        )
        if left <= RECOVERY_CODES_RUNNING_LOW:
            text += " Make new ones from Two-factor sign-in."
        messages.success(self.request, text)
        return HttpResponseRedirect(safe_next(self.request))


class RecoveryCodesView(TwoFactorPageMixin, TemplateView):
    """New recovery codes, shown once: they leave the session as the page is drawn."""

    permission_required = "accounts.manage_own_two_factor"
    template_name = "accounts/recovery_codes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        codes = self.request.session.pop(NEW_CODES_SESSION, None) or []
        context["codes"] = [two_factor.format_recovery_code(code) for code in codes]
        context["next_url"] = safe_next(self.request)
        return context


class TwoFactorAccountView(TwoFactorPageMixin, TemplateView):
    """The person's own two-factor sign-in: its state and new recovery codes."""

    permission_required = "accounts.manage_own_two_factor"
    template_name = "accounts/two_factor_account.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = two_factor.two_factor_status(user=self.person)
        context["low"] = RECOVERY_CODES_RUNNING_LOW
        return context


class RecoveryCodesReplaceView(ConfirmActionMixin, TwoFactorPageMixin, TemplateView):
    permission_required = "accounts.manage_own_two_factor"
    confirm_title = "Make new recovery codes"
    explanation = (
        "You will get 10 new recovery codes, shown once. Your old codes, used or not, will "
        "stop working."
    )
    confirm_label = "Make new recovery codes"
    success_message = "New recovery codes made. Your old codes no longer work."

    def confirm_context(self) -> dict[str, Any]:
        return {**super().confirm_context(), "cancel_url": reverse("accounts:two-factor")}

    def act(self) -> None:
        self.request.session[NEW_CODES_SESSION] = two_factor.recovery_codes_replace(
            user=self.person
        )

    def done_url(self) -> str:
        return with_next(reverse("accounts:recovery-codes"), reverse("accounts:two-factor"))
