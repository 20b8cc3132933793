"""Who may do what with partnerships, agencies and people (django-rules predicates).

Every predicate takes the signed-in user and the partnership the page belongs to. Labels for
people live in ``models.Role``; renaming a label never changes who may act.
"""

import rules

from cspr.partnerships.models import Partnership, Role
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

can_view_partnership = is_member
can_manage_agencies = is_administrator
can_manage_people = is_administrator

rules.add_perm("partnerships.view_partnership", can_view_partnership)
rules.add_perm("partnerships.manage_agencies", can_manage_agencies)
rules.add_perm("partnerships.manage_people", can_manage_people)
rules.add_perm("core.view_home", rules.is_authenticated)
