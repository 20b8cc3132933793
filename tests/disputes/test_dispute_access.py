"""Who may open which page of differences of opinion (DISPUTE): every role against every page,
the refusals as well as the grants, another partnership, and the independent scrutineer, who
sees disputes and their stages but never the child's identity."""

import pytest
from django.test import Client
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.disputes.models import Dispute
from cspr.partnerships.models import Role
from tests.conftest import PartnershipWorld
from tests.disputes.conftest import dispute_page, raise_page
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.fixtures.cases import CHILD_NAME

BU, PARTNER, LEAD, REVIEWER, SCRUTINEER, ADMIN = (
    Role.BUSINESS_UNIT,
    Role.SAFEGUARDING_PARTNER,
    Role.AGENCY_LEAD,
    Role.REVIEWER,
    Role.INDEPENDENT_SCRUTINEER,
    Role.ADMINISTRATOR,
)
EVERYONE = set(Role)

# page -> (roles given 200, roles given 403); everyone else gets 404, as for the case itself.
PAGES: dict[str, tuple[set[Role], set[Role]]] = {
    "list": ({BU, PARTNER, LEAD, SCRUTINEER}, {REVIEWER, ADMIN}),
    "raise": ({BU, PARTNER, LEAD}, set()),
    "detail": ({BU, PARTNER, LEAD, SCRUTINEER}, set()),
    "close-stage": ({BU}, {PARTNER, LEAD, SCRUTINEER}),
}


def url(page: str, dispute: Dispute) -> str:
    if page == "list":
        slug = dispute.case.partnership.slug
        return reverse("disputes:list", kwargs={"partnership_slug": slug})
    if page == "raise":
        return raise_page(dispute.case)
    return dispute_page(dispute, f"disputes:{page}")


def expected(page: str, role: Role) -> int:
    granted, forbidden = PAGES[page]
    return 200 if role in granted else 403 if role in forbidden else 404


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_role_by_page(make_dispute, client_as, page: str, role: Role) -> None:
    """DISPUTE: raised by those who see the case; handled by the business unit."""
    response = client_as(role.value).get(url(page, make_dispute()))
    assert response.status_code == expected(page, role)


@pytest.mark.parametrize("role", list(Role))
def test_the_scrutineer_records_the_outcome_only_at_mediation(
    make_dispute, escalate, client_as, role: Role
) -> None:
    """DISPUTE: the third stage is mediation by the independent scrutineer."""
    dispute = make_dispute()
    escalate(dispute)
    escalate(dispute)
    status = client_as(role.value).get(dispute_page(dispute, "disputes:close-stage")).status_code
    assert status == {BU: 200, SCRUTINEER: 200, REVIEWER: 404, ADMIN: 404}.get(role, 403)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_a_person_of_another_partnership_never_sees_the_page(
    make_dispute, other_world: PartnershipWorld, world: PartnershipWorld, page: str, role: Role
) -> None:
    client = Client()
    client.force_login(other_world.person(role.value))
    response = client.get(url(page, make_dispute()))
    assert response.status_code == 404
    assert world.partnership.name not in response.content.decode()


def test_a_dispute_id_of_another_partnership_is_not_found(
    make_dispute, other_world: PartnershipWorld, world: PartnershipWorld
) -> None:
    """Changing the partnership in the URL finds nothing, even for its business unit."""
    dispute = make_dispute()
    client = Client()
    client.force_login(other_world.person("business_unit"))
    theirs = reverse(
        "disputes:detail",
        kwargs={"partnership_slug": other_world.partnership.slug, "dispute_id": dispute.pk},
    )
    assert client.get(theirs).status_code == 404


@pytest.mark.parametrize("page", list(PAGES))
def test_signed_out_visitors_are_sent_to_sign_in(make_dispute, page: str) -> None:
    response = Client().get(url(page, make_dispute()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_an_agency_lead_of_another_agency_neither_sees_nor_raises(
    make_dispute, world: PartnershipWorld
) -> None:
    other_lead = UserFactory()
    MembershipFactory(
        user=other_lead,
        partnership=world.partnership,
        role=Role.AGENCY_LEAD,
        agency=AgencyFactory(partnership=world.partnership),
    )
    dispute = make_dispute()
    client = Client()
    client.force_login(other_lead)
    assert client.get(dispute_page(dispute)).status_code == 404
    assert client.get(raise_page(dispute.case)).status_code == 404
    listing = client.get(url("list", dispute)).content.decode()
    assert dispute.case.reference not in listing


@pytest.mark.parametrize("role", ["safeguarding_partner", "agency_lead", "independent_scrutineer"])
def test_only_the_business_unit_closes_the_first_stage(make_dispute, client_as, role: str) -> None:
    dispute = make_dispute()
    response = client_as(role).post(
        dispute_page(dispute, "disputes:close-stage"),
        {
            "outcome": "x",
            "ended_on_0": "2",
            "ended_on_1": "3",
            "ended_on_2": "2026",
            "next_step": "resolve",
            "version": dispute.version,
        },
    )
    assert response.status_code == 403
    dispute.refresh_from_db()
    assert dispute.is_open


def test_the_scrutineer_cannot_raise_a_dispute(make_dispute, client_as) -> None:
    dispute = make_dispute()
    response = client_as("independent_scrutineer").post(
        raise_page(dispute.case), {"subject": "triage", "summary": "x"}
    )
    assert response.status_code == 404
    assert Dispute.objects.count() == 1


def test_the_scrutineer_sees_the_dispute_and_its_stages_but_not_the_child(
    make_dispute, escalate, client_as
) -> None:
    """DISPUTE: the independent scrutineer mediates from the record of stages, without the
    child's identity."""
    dispute = make_dispute()
    escalate(dispute, outcome="Representatives could not agree on the criteria.")
    client = client_as("independent_scrutineer")
    page = client.get(dispute_page(dispute)).content.decode()
    assert dispute.case.reference in page
    assert dispute.case.pseudonym in page
    assert "Representatives could not agree on the criteria." in page
    assert "Escalated to the safeguarding partners" in page
    assert CHILD_NAME not in page
    assert (
        reverse(
            "cases:detail",
            kwargs={
                "partnership_slug": dispute.case.partnership.slug,
                "reference": dispute.case.reference,
            },
        )
        not in page
    )
    listing = client.get(url("list", dispute)).content.decode()
    assert dispute.case.reference in listing
    assert CHILD_NAME not in listing


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_dispute_pages_never_show_the_childs_name(make_dispute, client_as, role: str) -> None:
    dispute = make_dispute()
    client = client_as(role)
    for page in PAGES:
        assert CHILD_NAME not in client.get(url(page, dispute)).content.decode()


def test_viewing_a_dispute_and_the_list_is_audited(
    make_dispute, client_as, world: PartnershipWorld
) -> None:
    dispute = make_dispute()
    client = client_as("independent_scrutineer")
    client.get(dispute_page(dispute))
    client.get(url("list", dispute))
    viewed = AuditEvent.objects.get(verb="dispute.viewed")
    assert viewed.object_id == str(dispute.pk)
    assert viewed.actor == world.person("independent_scrutineer")
    assert viewed.partnership_id == world.partnership.pk
    assert AuditEvent.objects.filter(verb="disputes.viewed").count() == 1
