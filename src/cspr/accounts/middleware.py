"""Two-factor sign-in is required on every page but the public ones."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from cspr.accounts.two_factor import has_authenticator, is_verified


class TwoFactorRequiredMiddleware:
    """After ``LoginRequiredMiddleware``: a signed-in person who has not given their second
    factor in this session is sent to "Enter your security code" (or, without an authenticator
    app yet, to "Set up two-factor sign-in") from every page except the public pages
    (``PublicViewMixin``: sign-in, sign-out, the information pages, the published reports) and
    the two-factor pages themselves (``allowed_before_second_factor``). Where they were going is
    kept in ``next`` and checked again before it is followed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        if getattr(view_func, "login_required", True) is False:
            return None  # a public page
        view_class = getattr(view_func, "view_class", None)
        if getattr(view_class, "allowed_before_second_factor", False):
            return None
        step = "two-factor-verify" if has_authenticator(user) else "two-factor-set-up"
        url = reverse(f"accounts:{step}")
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
