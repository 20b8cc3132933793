"""Who may see the partnership's recurring themes: the business unit and the safeguarding
partners (the counts come from every case of the partnership)."""

import rules

from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role

can_view_recurring_themes = has_role(Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)

rules.add_perm("learning.view_recurring_themes", can_view_recurring_themes)
