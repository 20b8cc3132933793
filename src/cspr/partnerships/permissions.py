"""Who may do what with partnerships, agencies and people (django-rules predicates).

Every predicate takes the signed-in user and the partnership the page belongs to. Labels for
people live in ``models.Role``; renaming a label never changes who may act.
"""

from typing import Any

import rules

from cspr.partnerships.models import Membership, Partnership, Role
from cspr.partnerships.selectors import roles_in


def has_role(*roles: Role) -> rules.Predicate:
    wanted = {str(role) for role in roles}

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def predicate(user: object, partnership: Partnership | None) -> bool:
        return bool(wanted & roles_in(user, partnership))

    return predicate


@rules.predicate
def is_member(user: object, partnership: Partnership | None) -> bool:
    return bool(roles_in(user, partnership))


is_business_unit = has_role(Role.BUSINESS_UNIT)
is_safeguarding_partner = has_role(Role.SAFEGUARDING_PARTNER)
is_administrator = has_role(Role.ADMINISTRATOR)


@rules.predicate
def administers_the_partnership_of(user: Any, membership: Membership | None) -> bool:
    """The person is an administrator of the partnership this membership is in (so an
    administrator acts only on members of their own partnership)."""
    return membership is not None and Role.ADMINISTRATOR in roles_in(user, membership.partnership)


@rules.predicate
def is_someone_else(user: Any, membership: Membership | None) -> bool:
    return membership is not None and membership.user_id != getattr(user, "pk", None)


can_view_partnership = is_member
can_manage_agencies = is_administrator
can_manage_people = is_administrator

rules.add_perm("partnerships.view_partnership", can_view_partnership)
rules.add_perm("partnerships.manage_agencies", can_manage_agencies)
rules.add_perm("partnerships.manage_people", can_manage_people)
# Reset another member's two-factor sign-in (never one's own: ask another administrator).
rules.add_perm("partnerships.reset_two_factor", administers_the_partnership_of & is_someone_else)
rules.add_perm("core.view_home", rules.is_authenticated)
