"""Who may see and change the statutory clock's local settings."""

import rules

from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role, is_administrator
from cspr.partnerships.selectors import memberships_of


@rules.predicate
def is_administrator_anywhere(user: object) -> bool:
    """Bank holidays are national: any partnership's administrator may add one (audited)."""
    return any(m.role == Role.ADMINISTRATOR for m in memberships_of(user))


can_view_rule_settings = has_role(Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER, Role.ADMINISTRATOR)
can_change_rule_settings = is_administrator
can_manage_bank_holidays = is_administrator_anywhere

rules.add_perm("clock.view_rule_settings", can_view_rule_settings)
rules.add_perm("clock.change_rule_settings", can_change_rule_settings)
rules.add_perm("clock.manage_bank_holidays", can_manage_bank_holidays)
