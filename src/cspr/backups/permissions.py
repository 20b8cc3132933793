"""Who may see and set a partnership's retention of closed cases. The administrator sets the
period; the business unit and safeguarding partners see it, and which cases it will delete."""

import rules

from cspr.partnerships.models import Role
from cspr.partnerships.permissions import has_role, is_administrator

can_view_retention = has_role(Role.ADMINISTRATOR, Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)
# The cases by reference: those who see the partnership's cases. The administrator, who cannot
# read case content, sees how many cases there are and when they may be deleted.
can_view_closed_cases = has_role(Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)
can_change_retention = is_administrator

rules.add_perm("backups.view_retention", can_view_retention)
rules.add_perm("backups.view_closed_cases", can_view_closed_cases)
rules.add_perm("backups.change_retention", can_change_retention)
