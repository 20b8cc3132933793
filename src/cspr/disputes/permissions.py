"""Who may raise and handle differences of opinion (DISPUTE), need to know, default deny.

Raising takes the case; seeing and recording stages take the dispute; the list takes the
partnership. The independent scrutineer sees a partnership's disputes and their stages, but not
the cases themselves (nor the child's identity): they are not in ``cases.can_view_case``.
"""

from typing import Any

import rules
from django.db.models import Q

from cspr.cases.models import Case
from cspr.cases.permissions import can_view_case, is_business_unit_of, sees_every_case_of
from cspr.disputes.models import Dispute
from cspr.disputes.workflow import Stage
from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role
from cspr.partnerships.selectors import memberships_of


def _scrutinised_partnerships(user: Any) -> set[int]:
    return {m.partnership_id for m in memberships_of(user) if m.role == Role.INDEPENDENT_SCRUTINEER}


def dispute_scope(user: Any) -> Q:
    """The disputes a person may see, as a filter: those on the cases they may see, and every
    dispute of a partnership where they are the independent scrutineer."""
    scope = Q(case__in=Case.objects.visible_to(user))
    scrutinised = _scrutinised_partnerships(user)
    if scrutinised:
        scope |= Q(case__partnership_id__in=scrutinised)
    return scope


@rules.predicate
def leads_an_agency_in(user: Any, case: Case | None) -> bool:
    return case is not None and any(
        m.role == Role.AGENCY_LEAD and m.partnership_id == case.partnership_id
        for m in memberships_of(user)
    )


@rules.predicate
def sees_the_case_of(user: Any, dispute: Dispute | None) -> bool:
    return dispute is not None and bool(can_view_case(user, dispute.case))


@rules.predicate
def scrutinises(user: Any, dispute: Dispute | None) -> bool:
    return dispute is not None and dispute.case.partnership_id in _scrutinised_partnerships(user)


@rules.predicate
def is_business_unit_for(user: Any, dispute: Dispute | None) -> bool:
    return dispute is not None and bool(is_business_unit_of(user, dispute.case))


@rules.predicate
def is_at_mediation(user: Any, dispute: Dispute | None) -> bool:
    if dispute is None or not dispute.is_open:
        return False
    current = dispute.current_stage
    return current is not None and current.stage == Stage.MEDIATION


can_view_dispute_list = has_role(
    Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER, Role.AGENCY_LEAD, Role.INDEPENDENT_SCRUTINEER
)
can_raise_dispute = can_view_case & (leads_an_agency_in | sees_every_case_of)
can_view_dispute = sees_the_case_of | scrutinises
can_record_stage = is_business_unit_for | (scrutinises & is_at_mediation)

rules.add_perm("disputes.view_list", can_view_dispute_list)
rules.add_perm("disputes.raise", can_raise_dispute)
rules.add_perm("disputes.view", can_view_dispute)
rules.add_perm("disputes.record_stage", can_record_stage)
