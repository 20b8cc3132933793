"""Who may change the vocabulary of themes (default deny).

Themes are one vocabulary for the whole deployment, shared by every partnership, so there is no
partnership to check against: a person who is an administrator of any partnership may list,
add and change themes. Nobody else may, however senior in a partnership, and a superuser of
the deployment gets nothing from that alone (``ProtectedViewMixin`` asks the rules directly).
"""

from typing import Any

import rules

from cspr.partnerships.models import Role
from cspr.partnerships.selectors import memberships_of


@rules.predicate
def is_administrator_of_any_partnership(user: Any) -> bool:
    return any(m.role == Role.ADMINISTRATOR for m in memberships_of(user))


can_edit_themes = is_administrator_of_any_partnership

rules.add_perm("learning.edit_themes", can_edit_themes)
