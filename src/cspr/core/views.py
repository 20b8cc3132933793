"""Access control shared by every view: default deny.

Each URL is either *public* (:class:`PublicViewMixin`) or *protected*
(:class:`ProtectedViewMixin`: a signed-in user and an object-level permission, checked with
django-rules). ``tests/core/test_every_url_is_guarded.py`` walks the URL patterns and fails on
any view that is neither.
"""

from collections.abc import Callable
from typing import Any, ClassVar

import rules
from django.http import HttpRequest, HttpResponseBase
from rules.contrib.views import PermissionRequiredMixin


class PublicViewMixin:
    """A page anyone may see, signed in or not (sign-in, accessibility statement, ...)."""

    public: ClassVar[bool] = True

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponseBase]:
        view = super().as_view(**initkwargs)  # type: ignore[misc]
        view.login_required = False  # read by LoginRequiredMiddleware
        return view  # type: ignore[no-any-return]


class ProtectedViewMixin(PermissionRequiredMixin):  # type: ignore[misc]
    """A signed-in user with ``permission_required`` on ``get_permission_object()``.

    Subclasses must name the permission; an anonymous user is sent to sign in, a signed-in user
    without the permission gets 403.
    """

    permission_required: ClassVar[str]
    raise_exception = False
    request: HttpRequest

    def has_permission(self) -> bool:
        """Ask the rules directly, so being a superuser of the deployment grants nothing."""
        user = self.request.user
        if not (user.is_authenticated and user.is_active):
            return False
        target = self.get_permission_object()
        return all(rules.has_perm(perm, user, target) for perm in self.get_permission_required())

    def handle_no_permission(self) -> HttpResponseBase:
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()  # type: ignore[no-any-return]
