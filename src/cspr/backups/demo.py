"""Retention for the fictional Northshire demo: a retention period, and one case closed at
triage, so the retention page has something to show. Nothing here is about a real child."""

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.backups.models import RetentionPolicy
from cspr.backups.services.retention import retention_policy_set
from cspr.cases.models import ChildStatus
from cspr.cases.services import case_refer, case_triage
from cspr.partnerships.models import Agency, Partnership, Role
from cspr.statutory.calendar import subtract_working_days

DEMO_YEARS = 7
DEMO_BASIS = (
    "FICTIONAL DEMO. Northshire's records retention schedule: case review records are kept "
    "for 7 years after the case closes."
)


def _person(partnership: Partnership, role: Role) -> User:
    return User.objects.filter(memberships__partnership=partnership, memberships__role=role)[0]


@transaction.atomic
def seed_demo_retention(partnership: Partnership) -> bool:
    """Set the demo's retention period and close one demo case at triage, once."""
    if RetentionPolicy.objects.filter(partnership=partnership).exists():
        return False
    admin = _person(partnership, Role.ADMINISTRATOR)
    bu = _person(partnership, Role.BUSINESS_UNIT)
    school = Agency.objects.get(partnership=partnership, name="Northshire Academy")
    retention_policy_set(partnership=partnership, by=admin, years=DEMO_YEARS, basis=DEMO_BASIS)
    incident = subtract_working_days(timezone.localdate(), 10)
    case = case_refer(
        partnership=partnership,
        by=bu,
        referring_agency=school,
        case_values={
            "incident_date": incident,
            "la_aware_date": incident,
            "partners_aware_date": None,
            "incident_kind": "serious_harm",
            "abuse_or_neglect": "not_suspected",
            "location": "in_area",
            "child_statuses": [ChildStatus.NONE_KNOWN],
            "police_investigation": "no",
            "parallel_processes": [],
            "case_outline": "FICTIONAL DEMO. A child broke an arm in a fall at a playground; "
            "nobody suspects abuse or neglect.",
        },
        identity_values={"full_name": "Demo Child Three", "age_years": 7, "sex": "male"},
        agencies_involved=[school],
    )
    case_triage(
        case=case,
        by=bu,
        outcome="close",
        reason="Fictional demo: an accident; abuse or neglect is not suspected (DEF-SERIOUS).",
    )
    return True
