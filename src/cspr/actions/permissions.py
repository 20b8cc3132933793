"""Who may see and act on action plans (ACTIONS): need to know, default deny.

* The business unit starts and drafts the plan: recommendations, responses, themes, actions.
* Safeguarding partners see the whole plan, sign it off, review its impact and close it.
* A commissioned reviewer sees the whole plan of their case, read-only, while commissioned.
* An agency lead sees and updates only the actions their agency owns (and the recommendations
  those answer); the named owner of an action sees and updates it.
* The independent scrutineer and the administrator see no plan: they do not see cases.
* Earlier recommendations of *other* cases are shown only to those who see every case.

Predicates take the plan, a recommendation or an action, as their names say; starting a plan
takes the case, and the partnership-wide list takes the partnership.
"""

from typing import Any

import rules
from django.db.models import Q

from cspr.actions.models import Action, ActionPlan, Recommendation
from cspr.cases.models import Case
from cspr.cases.permissions import (
    SEES_EVERY_CASE,
    is_business_unit_of,
    is_commissioned_reviewer_of,
    sees_every_case_of,
)
from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role
from cspr.partnerships.selectors import memberships_of
from cspr.reviews.commissions import active_commissions


def _led_agencies(user: Any) -> set[int]:
    return {m.agency_id for m in memberships_of(user) if m.role == Role.AGENCY_LEAD and m.agency_id}


def _member_of(user: Any) -> set[int]:
    return {m.partnership_id for m in memberships_of(user)}


def whole_plan_cases(user: Any) -> Q:
    """The cases whose whole plan a person sees, as a filter on cases: every case of a
    partnership where they are the business unit or a safeguarding partner, and the case a
    reviewer is commissioned for while the commission runs."""
    whole = {m.partnership_id for m in memberships_of(user) if m.role in SEES_EVERY_CASE}
    scope = Q(pk__in=[])
    if getattr(user, "is_authenticated", False):
        scope |= Q(pk__in=active_commissions(user).values("review__case_id"))
    if whole:
        scope |= Q(partnership_id__in=whole)
    return scope


def own_actions(user: Any) -> Q:
    """The actions that are a person's own, as a filter on actions: those of an agency they
    lead, and those they are the named owner of (in a partnership they belong to)."""
    scope = Q(pk__in=[])
    led = _led_agencies(user)
    if led:
        scope |= Q(agency_id__in=led)
    member_of = _member_of(user)
    if member_of:
        scope |= Q(
            owner_id=getattr(user, "pk", None),
            recommendation__plan__case__partnership_id__in=member_of,
        )
    return scope


def action_scope(user: Any) -> Q:
    """The actions a person may see: every action of a plan they see whole, and their own."""
    return Q(
        recommendation__plan__case__in=Case.objects.filter(whole_plan_cases(user))
    ) | own_actions(user)


def plan_scope(user: Any) -> Q:
    """The plans a person sees at least part of."""
    return Q(case__in=Case.objects.filter(whole_plan_cases(user))) | Q(
        pk__in=Action.objects.filter(own_actions(user)).values("recommendation__plan_id")
    )


def _owns_or_leads(user: Any, action: Action) -> bool:
    if action.agency_id in _led_agencies(user):
        return True
    return action.owner_id == getattr(user, "pk", None) and (
        action.recommendation.plan.case.partnership_id in _member_of(user)
    )


@rules.predicate
def sees_whole_plan(user: Any, plan: ActionPlan | None) -> bool:
    return plan is not None and bool(
        sees_every_case_of(user, plan.case) or is_commissioned_reviewer_of(user, plan.case)
    )


@rules.predicate
def has_own_actions_in(user: Any, plan: ActionPlan | None) -> bool:
    return plan is not None and (
        Action.objects.filter(recommendation__plan=plan).filter(own_actions(user)).exists()
    )


@rules.predicate
def drafts(user: Any, plan: ActionPlan | None) -> bool:
    return plan is not None and bool(is_business_unit_of(user, plan.case))


@rules.predicate
def is_partner_for(user: Any, plan: ActionPlan | None) -> bool:
    return plan is not None and any(
        m.role == Role.SAFEGUARDING_PARTNER and m.partnership_id == plan.case.partnership_id
        for m in memberships_of(user)
    )


@rules.predicate
def sees_every_case_for(user: Any, plan: ActionPlan | None) -> bool:
    return plan is not None and bool(sees_every_case_of(user, plan.case))


@rules.predicate
def may_see_recommendation(user: Any, recommendation: Recommendation | None) -> bool:
    if recommendation is None:
        return False
    if sees_whole_plan(user, recommendation.plan):
        return True
    return recommendation.actions.filter(own_actions(user)).exists()


@rules.predicate
def sees_other_cases_for(user: Any, recommendation: Recommendation | None) -> bool:
    return recommendation is not None and bool(sees_every_case_of(user, recommendation.plan.case))


@rules.predicate
def may_see_action(user: Any, action: Action | None) -> bool:
    if action is None:
        return False
    return _owns_or_leads(user, action) or bool(sees_whole_plan(user, action.recommendation.plan))


@rules.predicate
def owns_or_leads(user: Any, action: Action | None) -> bool:
    return action is not None and _owns_or_leads(user, action)


can_start_plan = is_business_unit_of  # takes the case
can_view_plan = sees_whole_plan | has_own_actions_in
can_draft_plan = drafts
can_sign_off = is_partner_for
can_review_impact = is_partner_for
can_close_plan = is_partner_for
can_export_plan = sees_every_case_for
can_view_recommendation = may_see_recommendation
can_view_similar = sees_other_cases_for
can_view_action = may_see_action
can_update_action = owns_or_leads
can_view_action_list = has_role(
    Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER, Role.AGENCY_LEAD, Role.REVIEWER
)

rules.add_perm("actions.start_plan", can_start_plan)
rules.add_perm("actions.view_plan", can_view_plan)
rules.add_perm("actions.draft_plan", can_draft_plan)
rules.add_perm("actions.sign_off", can_sign_off)
rules.add_perm("actions.review_impact", can_review_impact)
rules.add_perm("actions.close_plan", can_close_plan)
rules.add_perm("actions.export_plan", can_export_plan)
rules.add_perm("actions.view_recommendation", can_view_recommendation)
rules.add_perm("actions.view_similar", can_view_similar)
rules.add_perm("actions.view_action", can_view_action)
rules.add_perm("actions.update_action", can_update_action)
rules.add_perm("actions.view_list", can_view_action_list)
