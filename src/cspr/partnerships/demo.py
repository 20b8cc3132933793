"""The fictional demo partnership: Northshire. Nothing here is about a real place or person;
e-mail addresses use the reserved ``example`` domain."""

from dataclasses import dataclass

from django.db import transaction

from cspr.accounts.models import User
from cspr.partnerships.models import (
    Agency,
    AgencyKind,
    Membership,
    Partnership,
    Role,
    StatutoryPartner,
)

PARTNERSHIP = {
    "name": "Northshire Safeguarding Children Partnership",
    "slug": "northshire",
    "reference_prefix": "NSCP",
}

AGENCIES = [
    (
        "Northshire Council Children's Services",
        AgencyKind.LOCAL_AUTHORITY_CHILDRENS_SERVICES,
        StatutoryPartner.LOCAL_AUTHORITY,
    ),
    ("Northshire Constabulary", AgencyKind.POLICE, StatutoryPartner.POLICE),
    (
        "NHS Northshire Integrated Care Board",
        AgencyKind.INTEGRATED_CARE_BOARD,
        StatutoryPartner.INTEGRATED_CARE_BOARD,
    ),
    ("Northshire Hospitals NHS Foundation Trust", AgencyKind.NHS_TRUST, ""),
    ("Riverside Medical Practice", AgencyKind.GP_PRACTICE, ""),
    ("Northshire Academy", AgencyKind.SCHOOL_OR_COLLEGE, ""),
    ("Little Acorns Nursery", AgencyKind.EARLY_YEARS, ""),
    ("Probation Service, Northshire", AgencyKind.PROBATION, ""),
    ("Northshire Youth Justice Service", AgencyKind.YOUTH_JUSTICE, ""),
    ("Northshire Homes", AgencyKind.HOUSING, ""),
    ("Northshire Family Support Network", AgencyKind.VOLUNTARY_SECTOR, ""),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    role: Role
    agency: str = ""
    statutory_partner: str = ""


PEOPLE = [
    DemoPerson(
        "business.unit@northshire.example", "Bea Unwin", "Business unit manager", Role.BUSINESS_UNIT
    ),
    DemoPerson(
        "la.partner@northshire.example",
        "Lena Ashby",
        "Director of Children's Services",
        Role.SAFEGUARDING_PARTNER,
        statutory_partner=StatutoryPartner.LOCAL_AUTHORITY,
    ),
    DemoPerson(
        "icb.partner@northshire.example",
        "Imran Cole",
        "Chief Nurse",
        Role.SAFEGUARDING_PARTNER,
        statutory_partner=StatutoryPartner.INTEGRATED_CARE_BOARD,
    ),
    DemoPerson(
        "police.partner@northshire.example",
        "Pat Okafor",
        "Detective Superintendent",
        Role.SAFEGUARDING_PARTNER,
        statutory_partner=StatutoryPartner.POLICE,
    ),
    DemoPerson(
        "school.lead@northshire.example",
        "Sam Hale",
        "Designated safeguarding lead",
        Role.AGENCY_LEAD,
        agency="Northshire Academy",
    ),
    DemoPerson(
        "health.lead@northshire.example",
        "Hana Price",
        "Named nurse for safeguarding",
        Role.AGENCY_LEAD,
        agency="Northshire Hospitals NHS Foundation Trust",
    ),
    DemoPerson("reviewer@northshire.example", "Rowan Ellis", "Independent reviewer", Role.REVIEWER),
    DemoPerson(
        "scrutineer@northshire.example",
        "Sasha Greene",
        "Independent scrutineer",
        Role.INDEPENDENT_SCRUTINEER,
    ),
    DemoPerson(
        "admin@northshire.example", "Alex Morgan", "Partnership administrator", Role.ADMINISTRATOR
    ),
]


@transaction.atomic
def seed_demo(*, password: str | None) -> tuple[Partnership, list[DemoPerson]]:
    """Create or bring up to date the demo partnership. Safe to run any number of times.

    With ``password`` every demo person can sign in with it (development only); without,
    their passwords are left unusable until they use the password reset link.
    """
    partnership, _ = Partnership.objects.update_or_create(
        slug=PARTNERSHIP["slug"], defaults=PARTNERSHIP
    )
    agencies: dict[str, Agency] = {}
    for name, kind, partner in AGENCIES:
        agencies[name], _ = Agency.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={"kind": kind, "statutory_partner": partner},
        )
    for person in PEOPLE:
        user, created = User.objects.update_or_create(
            email=person.email,
            defaults={"full_name": person.full_name, "job_title": person.job_title},
        )
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            partnership=partnership,
            role=person.role,
            agency=agencies.get(person.agency),
            ended_at=None,
            defaults={"statutory_partner": person.statutory_partner},
        )
    return partnership, PEOPLE
