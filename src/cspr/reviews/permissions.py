"""Who may see and act on a review (need to know, default deny). Predicates take the review."""

from typing import Any

import rules

from cspr.cases.permissions import is_business_unit_of, is_commissioned_reviewer_of
from cspr.cases.permissions import sees_every_case_of as sees_every_case
from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role
from cspr.partnerships.selectors import memberships_of
from cspr.reviews.models import Review


@rules.predicate
def oversees(user: Any, review: Review | None) -> bool:
    return review is not None and bool(sees_every_case(user, review.case))


@rules.predicate
def runs(user: Any, review: Review | None) -> bool:
    return review is not None and bool(is_business_unit_of(user, review.case))


@rules.predicate
def is_commissioned_reviewer(user: Any, review: Review | None) -> bool:
    return review is not None and bool(is_commissioned_reviewer_of(user, review.case))


@rules.predicate
def is_partner(user: Any, review: Review | None) -> bool:
    return review is not None and any(
        m.role == Role.SAFEGUARDING_PARTNER and m.partnership_id == review.case.partnership_id
        for m in memberships_of(user)
    )


can_view_review = oversees | is_commissioned_reviewer
can_manage_review = runs
can_approve_terms = is_partner
can_write_review = runs | is_commissioned_reviewer

rules.add_perm("reviews.view", can_view_review)
rules.add_perm("reviews.manage", can_manage_review)
rules.add_perm("reviews.approve_terms", can_approve_terms)
rules.add_perm("reviews.write", can_write_review)
rules.add_perm("reviews.view_monitoring", has_role(Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER))
