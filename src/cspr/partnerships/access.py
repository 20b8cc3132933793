"""The base of every page that belongs to one partnership: the partnership comes from the URL,
is looked up among the user's own memberships (another partnership's page is a 404), the
page's permission is checked against it, and viewing it is written to the audit trail."""

from typing import Any, ClassVar

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponseBase

from cspr.accounts.models import User, signed_in_user
from cspr.audit.services import audit_record
from cspr.core.views import ProtectedViewMixin
from cspr.partnerships.models import Partnership
from cspr.partnerships.selectors import partnership_for


class PartnershipPageMixin(ProtectedViewMixin):
    audit_verb: ClassVar[str] = "partnership.viewed"
    partnership: Partnership
    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        partnership = partnership_for(request.user, kwargs["partnership_slug"])
        if partnership is None:
            raise Http404
        self.partnership = partnership
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self) -> Model:
        return self.partnership

    def audited_object(self) -> Model:
        """The object this page shows, for the audit trail's view event."""
        return self.partnership

    def has_permission(self) -> bool:
        allowed = bool(super().has_permission())
        if allowed and self.request.method == "GET":
            audit_record(
                by=signed_in_user(self.request.user),
                verb=self.audit_verb,
                obj=self.audited_object(),
                partnership_id=self.partnership.pk,
                data={"page": self.request.resolver_match.url_name or ""}
                if self.request.resolver_match
                else {},
            )
        return allowed

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["partnership"] = self.partnership
        return context

    @property
    def user(self) -> User:
        return signed_in_user(self.request.user)
