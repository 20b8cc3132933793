"""What the plan's pages share: form pages that run one service, pages about a recommendation
or an action whose permission is the plan's, a guard that sends a GET of a page the plan's state
does not allow back to the plan with the reason, and the choice of named owners."""

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from cspr.accounts.models import User
from cspr.actions import workflow
from cspr.actions.access import plan_url
from cspr.actions.models import ActionPlan
from cspr.actions.themes import active_themes, suggestions_for
from cspr.core.views import ServiceFormMixin
from cspr.partnerships.models import Membership, Role, StatutoryPartner


class FormPageMixin(ServiceFormMixin):
    """A form page (core/form_page.html) that runs one service and goes back to the plan."""

    template_name: str | None = "core/form_page.html"
    title = ""
    plan: ActionPlan

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)  # type: ignore[misc]

    def done_url(self) -> str:
        return plan_url(self.plan)


class WorkflowGuardMixin:
    """A page for one step of the plan's workflow (``requires``): a GET when the plan's state
    does not allow it goes back to the plan with the reason (a POST is refused by the
    service, with the same reason)."""

    requires = ""
    plan: ActionPlan
    request: HttpRequest

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.requires and not workflow.allowed(self.plan.state, self.requires):
            messages.error(request, workflow.REFUSALS[self.requires])
            return HttpResponseRedirect(plan_url(self.plan))
        return super().get(request, *args, **kwargs)  # type: ignore[misc]


class OnThePlan:
    """For a page about a recommendation or an action whose permission is the plan's."""

    plan: ActionPlan

    def get_permission_object(self) -> Model:
        return self.plan


def owner_choices(partnership: Any) -> tuple[Any, dict[int, str]]:
    """The people who may be named owners, and what each of them is here, in one query."""
    memberships = (
        Membership.objects.current()
        .filter(
            partnership=partnership,
            user__is_active=True,
            role__in=(Role.AGENCY_LEAD, Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER),
        )
        .select_related("agency")
        .order_by("role", "agency__name")
    )
    roles: dict[int, list[str]] = {}
    for m in memberships:
        what = f"lead for {m.agency.name}" if m.agency else m.get_role_display().lower()
        if m.statutory_partner:
            what = f"{what}, {StatutoryPartner(m.statutory_partner).label.lower()}"
        roles.setdefault(m.user_id, []).append(what)
    users = User.objects.filter(pk__in=list(roles)).order_by("full_name")
    return users, {pk: "; ".join(r) for pk, r in roles.items()}


def theme_context(text: str) -> dict[str, Any]:
    themes = active_themes()
    return {"themes": themes, "suggested": suggestions_for(text, themes) if text else {}}
