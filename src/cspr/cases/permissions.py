"""Who may see and act on cases (need to know, default deny)."""

from typing import Any

import rules
from django.db.models import Q

from cspr.cases.models import Case
from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role
from cspr.partnerships.selectors import memberships_of
from cspr.rapid_reviews.models import Invitation
from cspr.reviews.commissions import active_commissions

SEES_EVERY_CASE = {Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}


def case_scope(user: Any) -> Q:
    """The cases a person may see, as a filter: every case of a partnership where they are the
    business unit or a safeguarding partner; the cases their agency referred where they are
    an agency lead. Nothing otherwise."""
    whole = {m.partnership_id for m in memberships_of(user) if m.role in SEES_EVERY_CASE}
    agencies = {
        m.agency_id for m in memberships_of(user) if m.role == Role.AGENCY_LEAD and m.agency_id
    }
    scope = Q(pk__in=[])
    if getattr(user, "is_authenticated", False):
        scope |= Q(pk__in=active_commissions(user).values("review__case_id"))
    if whole:
        scope |= Q(partnership_id__in=whole)
    if agencies:
        invited = Invitation.objects.filter(agency_id__in=agencies).values("rapid_review__case_id")
        scope |= Q(referring_agency_id__in=agencies) | Q(pk__in=invited)
    return scope


def _roles_for_case(user: Any, case: Case) -> set[str]:
    return {m.role for m in memberships_of(user) if m.partnership_id == case.partnership_id}


@rules.predicate
def sees_every_case_of(user: Any, case: Case | None) -> bool:
    return case is not None and bool(_roles_for_case(user, case) & SEES_EVERY_CASE)


@rules.predicate
def leads_referring_agency(user: Any, case: Case | None) -> bool:
    if case is None or case.referring_agency_id is None:
        return False
    return any(
        m.role == Role.AGENCY_LEAD and m.agency_id == case.referring_agency_id
        for m in memberships_of(user)
    )


@rules.predicate
def is_business_unit_of(user: Any, case: Case | None) -> bool:
    return case is not None and Role.BUSINESS_UNIT in _roles_for_case(user, case)


@rules.predicate
def leads_an_invited_agency(user: Any, case: Case | None) -> bool:
    if case is None:
        return False
    agencies = {
        m.agency_id
        for m in memberships_of(user)
        if m.role == Role.AGENCY_LEAD and m.agency_id is not None
    }
    return (
        bool(agencies)
        and Invitation.objects.filter(rapid_review__case=case, agency_id__in=agencies).exists()
    )


@rules.predicate
def is_commissioned_reviewer_of(user: Any, case: Case | None) -> bool:
    """An independent reviewer sees the case they are commissioned for, for the commission's
    length only."""
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    return active_commissions(user).filter(review__case=case).exists()


can_view_case = (
    sees_every_case_of
    | leads_referring_agency
    | leads_an_invited_agency
    | is_commissioned_reviewer_of
)
# Agencies asked for a scoping return need the child's identity to search their records.
can_view_identity = (
    sees_every_case_of
    | leads_referring_agency
    | leads_an_invited_agency
    | is_commissioned_reviewer_of
)
can_triage = is_business_unit_of
can_record_notification = is_business_unit_of
can_refer = has_role(Role.AGENCY_LEAD, Role.BUSINESS_UNIT)
can_view_case_list = has_role(Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)

rules.add_perm("cases.view_case", can_view_case)
rules.add_perm("cases.view_identity", can_view_identity)
rules.add_perm("cases.triage", can_triage)
rules.add_perm("cases.adjust_deadline", is_business_unit_of)
rules.add_perm("cases.manage_processes", is_business_unit_of)
rules.add_perm("cases.confirm_themes", is_business_unit_of)
rules.add_perm("cases.record_notification", can_record_notification)
rules.add_perm("cases.refer", can_refer)
rules.add_perm("cases.view_case_list", can_view_case_list)
