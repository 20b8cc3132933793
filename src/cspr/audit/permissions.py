"""Who may read a partnership's audit trail: its business unit and safeguarding partners."""

import rules

from cspr.partnerships.permissions import is_business_unit, is_safeguarding_partner

can_view_audit_trail = is_business_unit | is_safeguarding_partner

rules.add_perm("audit.view_audit_trail", can_view_audit_trail)
