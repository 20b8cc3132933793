"""Access control shared by every view: default deny.

Each URL is either *public* (:class:`PublicViewMixin`) or *protected*
(:class:`ProtectedViewMixin`: a signed-in user and an object-level permission, checked with
django-rules). ``tests/core/test_every_url_is_guarded.py`` walks the URL patterns and fails on
any view that is neither.
"""

from typing import Any, ClassVar

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.decorators import method_decorator
from rules.contrib.views import PermissionRequiredMixin

from cspr.core.errors import DomainError


class PublicViewMixin:
    """A page anyone may see, signed in or not (sign-in, accessibility statement, ...)."""

    public: ClassVar[bool] = True

    @method_decorator(login_not_required)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # as_view() copies the decorator's mark onto the view for LoginRequiredMiddleware.
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ProtectedViewMixin(PermissionRequiredMixin):
    """A signed-in user with ``permission_required`` on ``get_permission_object()``.

    Subclasses must name the permission; an anonymous user is sent to sign in, a signed-in user
    without the permission gets 403.
    """

    raise_exception = False
    request: HttpRequest

    def has_permission(self) -> bool:
        """Ask the rules directly, so being a superuser of the deployment grants nothing."""
        user = self.request.user
        if not (user.is_authenticated and user.is_active):
            return False
        target = self.get_permission_object()
        return all(rules.has_perm(perm, user, target) for perm in self.get_permission_required())

    def handle_no_permission(self) -> HttpResponseRedirect:
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ServiceFormMixin:
    """For a FormView whose valid form runs one service: a refusal goes to the error summary
    with what the user typed kept; success shows a message and redirects to ``done_url()``."""

    success_message = "Saved."
    request: HttpRequest

    def run(self, form: Any) -> Any:
        raise TypeError(f"{type(self).__name__} must say which service it runs")

    def done_url(self) -> str:
        raise TypeError(f"{type(self).__name__} must say where to go next")

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.run(form)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.done_url())
