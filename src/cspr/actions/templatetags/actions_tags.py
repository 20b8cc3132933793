"""What other apps' pages show of action plans: the plan on the case page, and overdue
actions on the home page (ACTIONS). Each checks the person's permission itself."""

from typing import Any

import rules
from django import template
from django.utils import timezone

from cspr.actions import selectors
from cspr.actions.services.plans import can_have_a_plan
from cspr.partnerships.models import Role
from cspr.partnerships.selectors import roles_in

register = template.Library()
HOME_ROWS = 5


@register.inclusion_tag("actions/_case_plan.html", takes_context=True)
def case_action_plan(context: dict[str, Any]) -> dict[str, Any]:
    """The case page's link to its action plan, or to start one (the business unit)."""
    case, user = context["case"], context["request"].user
    plan = selectors.plan_of(case)
    can_view = plan is not None and rules.has_perm("actions.view_plan", user, plan)
    overdue = 0
    if plan is not None and can_view:
        overdue = selectors.plan_overdue_count(plan=plan, user=user, today=timezone.localdate())
    can_start = (
        plan is None and rules.has_perm("actions.start_plan", user, case) and can_have_a_plan(case)
    )
    return {
        "case": case,
        "partnership": context["partnership"],
        "plan": plan,
        "can_view_plan": can_view,
        "can_start_plan": can_start,
        "overdue": overdue,
    }


@register.inclusion_tag("actions/_home_overdue.html", takes_context=True)
def overdue_actions_panel(context: dict[str, Any]) -> dict[str, Any]:
    """The home page's overdue actions: the person's own (as named owner), and, for the
    business unit, the partnership's longest overdue."""
    partnership, user = context["partnership"], context["request"].user
    today = timezone.localdate()
    mine = selectors.action_rows(
        selectors.overdue_actions(user=user, partnership=partnership, today=today, owned_by=user),
        today=today,
    )
    show_partnership = Role.BUSINESS_UNIT in roles_in(user, partnership)
    rows: list[selectors.ActionRow] = []
    total = 0
    if show_partnership:
        overdue = selectors.overdue_actions(user=user, partnership=partnership, today=today)
        total = overdue.count()
        rows = selectors.action_rows(overdue[:HOME_ROWS], today=today) if total else []
    return {
        "partnership": partnership,
        "mine": mine,
        "show_partnership": show_partnership,
        "partnership_total": total,
        "partnership_rows": rows,
    }
