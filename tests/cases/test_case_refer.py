"""Referral: any agency lead or the business unit records a possible serious incident; the
case gets a reference and a pseudonym used everywhere except the restricted identity panel."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.models import Case, ChildIdentity, ChildStatus
from cspr.core.errors import DomainError
from tests.conftest import PartnershipWorld
from tests.fixtures.cases import CHILD_NAME


def refer_url(world: PartnershipWorld) -> str:
    return reverse("cases:refer", kwargs={"partnership_slug": world.partnership.slug})


def form_data(world: PartnershipWorld, **overrides: str) -> dict[str, object]:
    lead = world.person("agency_lead")
    data: dict[str, object] = {
        "full_name": CHILD_NAME,
        "date_of_birth_0": "1",
        "date_of_birth_1": "9",
        "date_of_birth_2": "2025",
        "sex": "female",
        "child_statuses": ["child_in_need"],
        "incident_kind": "serious_harm",
        "abuse_or_neglect": "suspected",
        "incident_date_0": "24",
        "incident_date_1": "2",
        "incident_date_2": "2026",
        "la_aware_date_0": "25",
        "la_aware_date_1": "2",
        "la_aware_date_2": "2026",
        "location": "in_area",
        "referring_agency": lead.memberships.get().agency_id,
        "police_investigation": "yes",
        "case_outline": "An infant was admitted with unexplained fractures.",
    }
    data.update(overrides)
    return data


def test_an_agency_lead_refers_a_case_and_the_business_unit_is_told(
    world: PartnershipWorld, client_as, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("agency_lead").post(refer_url(world), form_data(world))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{case.reference}/")
    assert case.reference == f"{world.partnership.reference_prefix}-2026-001"
    assert case.pseudonym.startswith("Child ")
    assert case.identity.full_name == CHILD_NAME
    assert case.child_statuses == [ChildStatus.CHILD_IN_NEED]
    assert AuditEvent.objects.filter(verb="case.referred", object_id=str(case.pk)).exists()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [world.person("business_unit").email]
    assert case.reference in email.subject
    assert CHILD_NAME not in email.subject + email.body


def test_references_count_up_within_a_year_and_pseudonyms_differ(make_case) -> None:
    first, second = make_case(), make_case()
    assert first.reference.endswith("-2026-001")
    assert second.reference.endswith("-2026-002")
    assert first.pseudonym != second.pseudonym


def test_the_child_can_be_not_yet_identified(world: PartnershipWorld, client_as) -> None:
    data = form_data(world, full_name="", not_yet_identified="on")
    assert client_as("agency_lead").post(refer_url(world), data).status_code == 302
    assert ChildIdentity.objects.get().not_yet_identified


def test_an_unborn_child_can_be_referred(world: PartnershipWorld, client_as) -> None:
    data = form_data(world, unborn="on", date_of_birth_0="", date_of_birth_1="", date_of_birth_2="")
    assert client_as("business_unit").post(refer_url(world), data).status_code == 302
    assert ChildIdentity.objects.get().unborn


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"full_name": ""}, "Enter the child&#x27;s full name"),
        ({"case_outline": ""}, "Enter a case outline"),
        (
            {"incident_date_0": "31", "incident_date_1": "2"},
            "The date of the incident must be a real date",
        ),
        (
            {"la_aware_date_0": "", "la_aware_date_1": "", "la_aware_date_2": ""},
            "Enter the date the local authority became aware",
        ),
        ({"la_aware_date_0": "20"}, "must be the same as or after the date of the incident"),
        ({"incident_date_2": "2027", "la_aware_date_2": "2027"}, "must be today or in the past"),
        (
            {"child_statuses": ["none_known", "looked_after"]},
            "Select &#x27;None known&#x27; on its own",
        ),
    ],
)
def test_bad_answers_are_explained_and_nothing_typed_is_lost(
    world: PartnershipWorld, client_as, overrides: dict[str, object], message: str
) -> None:
    page = client_as("agency_lead").post(refer_url(world), form_data(world, **overrides))
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert "An infant was admitted" in html or overrides.get("case_outline") == ""
    assert not Case.objects.exists()


def test_an_agency_lead_can_only_refer_for_their_own_agency(
    world: PartnershipWorld, client_as
) -> None:
    from tests.factories import AgencyFactory  # noqa: PLC0415

    other = AgencyFactory(partnership=world.partnership, name="Someone else's agency")
    page = (
        client_as("agency_lead")
        .post(refer_url(world), form_data(world, referring_agency=str(other.pk)))
        .content.decode()
    )
    assert "Select a valid choice" in page
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "role", ["reviewer", "independent_scrutineer", "administrator", "safeguarding_partner"]
)
def test_other_roles_cannot_refer(world: PartnershipWorld, client_as, role: str) -> None:
    assert client_as(role).get(refer_url(world)).status_code == 403


def test_agencies_of_another_partnership_are_refused(
    world: PartnershipWorld, other_world: PartnershipWorld, make_case
) -> None:
    from cspr.cases.services import case_refer  # noqa: PLC0415
    from tests.fixtures.cases import case_values, identity_values  # noqa: PLC0415

    with pytest.raises(DomainError, match="agencies of this partnership"):
        case_refer(
            partnership=world.partnership,
            by=world.person("business_unit"),
            referring_agency=None,
            case_values=case_values(),
            identity_values=identity_values(),
            agencies_involved=list(other_world.partnership.agencies.all()),
        )


def test_the_childs_name_never_appears_in_a_url(
    world: PartnershipWorld, client_as, make_case
) -> None:
    case = make_case()
    page = (
        client_as("business_unit")
        .get(reverse("cases:list", kwargs={"partnership_slug": world.partnership.slug}))
        .content.decode()
    )
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert any(case.reference in h for h in hrefs)
    assert not any("Ruby" in h or "Testchild" in h for h in hrefs)
    assert CHILD_NAME not in page
