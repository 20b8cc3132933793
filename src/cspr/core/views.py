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

from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError, StaleEdit


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
    with what the user typed kept (a ``StaleEdit`` on a view with ``EditConflictMixin`` shows
    what someone else changed); success shows a message and redirects to ``done_url()``."""

    success_message = "Saved."
    request: HttpRequest

    def run(self, form: Any) -> Any:
        raise TypeError(f"{type(self).__name__} must say which service it runs")

    def done_url(self) -> str:
        raise TypeError(f"{type(self).__name__} must say where to go next")

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.run(form)
        except StaleEdit as error:
            if isinstance(self, EditConflictMixin):
                return self.edit_conflict(form, error)
            form.add_domain_error(error)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.done_url())


class ConfirmActionMixin:
    """Confirm on GET, act on POST (``core/confirm_page.html``): a refusal is shown on the page
    with a 400, success shows a message and redirects to ``done_url()``. Subclasses give the
    words (``confirm_title``, ``explanation``, ``confirm_label``), ``act()`` and ``done_url()``."""

    template_name: str | None = "core/confirm_page.html"
    confirm_title = ""
    explanation = ""
    confirm_label = "Continue"
    destructive = False
    success_message = "Done."
    request: HttpRequest

    def act(self) -> Any:
        raise TypeError(f"{type(self).__name__} must say what it does")

    def done_url(self) -> str:
        raise TypeError(f"{type(self).__name__} must say where to go next")

    def confirm_context(self) -> dict[str, Any]:
        """The page's words; override to compute them from the object."""
        return {
            "title": self.confirm_title,
            "explanation": self.explanation,
            "confirm_label": self.confirm_label,
            "destructive": self.destructive,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(self.confirm_context())
        context.setdefault("cancel_url", self.done_url())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.act()
        except DomainError as error:
            context = self.get_context_data(error=error.message)
            return self.render_to_response(context, status=400)  # type: ignore[attr-defined]
        messages.success(request, self.success_message)
        return HttpResponseRedirect(self.done_url())
