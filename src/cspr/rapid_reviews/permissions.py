"""Who may act on a Rapid Review (need to know, default deny). Predicates take the case."""

from typing import Any

import rules

from cspr.cases.models import Case
from cspr.cases.permissions import is_business_unit_of, sees_every_case_of
from cspr.partnerships.models import Role
from cspr.partnerships.selectors import memberships_of
from cspr.rapid_reviews.models import ScopingReturn


@rules.predicate
def is_partner_of(user: Any, case: Case | None) -> bool:
    return case is not None and any(
        m.role == Role.SAFEGUARDING_PARTNER and m.partnership_id == case.partnership_id
        for m in memberships_of(user)
    )


@rules.predicate
def leads_the_returning_agency(user: Any, scoping_return: ScopingReturn | None) -> bool:
    if scoping_return is None:
        return False
    agency_id = scoping_return.invitation.agency_id
    return any(
        m.role == Role.AGENCY_LEAD and m.agency_id == agency_id for m in memberships_of(user)
    )


@rules.predicate
def oversees_the_return(user: Any, scoping_return: ScopingReturn | None) -> bool:
    if scoping_return is None:
        return False
    return bool(sees_every_case_of(user, scoping_return.invitation.rapid_review.case))


@rules.predicate
def is_business_unit_for_return(user: Any, scoping_return: ScopingReturn | None) -> bool:
    if scoping_return is None:
        return False
    return bool(is_business_unit_of(user, scoping_return.invitation.rapid_review.case))


can_run_rapid_review = is_business_unit_of
can_view_rapid_review = sees_every_case_of
can_decide_as_partner = is_partner_of
can_write_scoping_return = leads_the_returning_agency
can_read_scoping_return = leads_the_returning_agency | oversees_the_return
can_send_back_scoping_return = is_business_unit_for_return

rules.add_perm("rapid_reviews.run", can_run_rapid_review)
rules.add_perm("rapid_reviews.view", can_view_rapid_review)
rules.add_perm("rapid_reviews.decide", can_decide_as_partner)
rules.add_perm("rapid_reviews.write_return", can_write_scoping_return)
rules.add_perm("rapid_reviews.read_return", can_read_scoping_return)
rules.add_perm("rapid_reviews.send_back_return", can_send_back_scoping_return)
