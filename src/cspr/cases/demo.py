"""Fictional demo cases for Northshire, so a new installation shows the process at work: one
case waiting for triage and one in its Rapid Review. Nothing here is about a real child."""

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.cases.models import Case, ChildStatus
from cspr.cases.services import case_refer, case_triage, notification_record
from cspr.cases.themes import case_themes_confirm
from cspr.learning.models import Theme
from cspr.partnerships.models import Agency, Partnership, Role
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from cspr.statutory.calendar import subtract_working_days


def _person(partnership: Partnership, role: Role) -> User:
    return User.objects.filter(memberships__partnership=partnership, memberships__role=role)[0]


@transaction.atomic
def seed_demo_cases(partnership: Partnership) -> int:
    """Create the demo cases once; later runs leave the partnership's cases alone."""
    if Case.objects.filter(partnership=partnership).exists():
        return 0
    today = timezone.localdate()
    lead = _person(partnership, Role.AGENCY_LEAD)
    bu = _person(partnership, Role.BUSINESS_UNIT)
    school = Agency.objects.get(partnership=partnership, name="Northshire Academy")
    hospital = Agency.objects.get(
        partnership=partnership, name="Northshire Hospitals NHS Foundation Trust"
    )
    common = {
        "partners_aware_date": None,
        "location": "in_area",
        "police_investigation": "yes",
        "parallel_processes": ["police_investigation"],
    }
    aware = subtract_working_days(today, 4)
    in_review = case_refer(
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values={
            **common,
            "incident_date": aware,
            "la_aware_date": aware,
            "incident_kind": "serious_harm",
            "abuse_or_neglect": "suspected",
            "child_statuses": [ChildStatus.CHILD_IN_NEED],
            "case_outline": "FICTIONAL DEMO. A nine-year-old was admitted to hospital "
            "with injuries the family could not explain.",
        },
        identity_values={
            "full_name": "Demo Child One",
            "age_years": 9,
            "sex": "female",
            "siblings": "A fictional younger brother, aged 4.",
        },
        agencies_involved=[school, hospital],
    )
    case_triage(
        case=in_review,
        by=bu,
        outcome="notify",
        reason="Fictional demo: serious harm with abuse suspected.",
    )
    notification_record(
        case=in_review, by=bu, kind="panel", sent_on=today, national_reference="DEMO-0001"
    )
    review = rapid_review_start(case=in_review, by=bu)
    case_themes_confirm(
        case=in_review,
        themes=Theme.objects.filter(
            slug__in=["physical-abuse", "professional-curiosity", "information-sharing"]
        ),
        by=bu,
    )
    agency_invite(rapid_review=review, by=bu, agency=school)
    agency_invite(rapid_review=review, by=bu, agency=hospital)
    referred = subtract_working_days(today, 1)
    teenager = case_refer(
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values={
            **common,
            "incident_date": referred,
            "la_aware_date": referred,
            "incident_kind": "death",
            "abuse_or_neglect": "known",
            "child_statuses": [ChildStatus.CP_PLAN_PAST],
            "case_outline": "FICTIONAL DEMO. A teenager died; neglect is known.",
        },
        identity_values={"full_name": "Demo Child Two", "age_years": 15, "sex": "male"},
        agencies_involved=[school],
    )
    case_themes_confirm(
        case=teenager,
        themes=Theme.objects.filter(slug__in=["neglect", "adolescent"]),
        by=bu,
    )
    return 2
