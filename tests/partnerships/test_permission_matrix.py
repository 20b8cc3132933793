"""Who may open which page: every role against every page of a partnership, the refusals as
well as the grants, and a person of another partnership against all of them."""

import pytest
from django.test import Client
from django.urls import reverse

from cspr.partnerships.models import Role
from tests.conftest import PartnershipWorld

BU, PARTNER, LEAD, REVIEWER, SCRUTINEER, ADMIN = (
    Role.BUSINESS_UNIT,
    Role.SAFEGUARDING_PARTNER,
    Role.AGENCY_LEAD,
    Role.REVIEWER,
    Role.INDEPENDENT_SCRUTINEER,
    Role.ADMINISTRATOR,
)
EVERYONE = set(Role)

# url name -> extra kwargs, roles allowed
PAGES: dict[str, tuple[dict[str, str], set[Role]]] = {
    "partnerships:home": ({}, EVERYONE),
    "partnerships:agencies": ({}, {ADMIN}),
    "partnerships:agency-add": ({}, {ADMIN}),
    "partnerships:people": ({}, {ADMIN}),
    "partnerships:person-add": ({}, {ADMIN}),
    "audit:trail": ({}, {BU, PARTNER}),
    "clock:settings": ({}, {BU, PARTNER, ADMIN}),
    "clock:setting-edit": ({"rule_id": "SCOPING-RETURN"}, {ADMIN}),
}


def url_for(name: str, world: PartnershipWorld, extra: dict[str, str]) -> str:
    return reverse(name, kwargs={"partnership_slug": world.partnership.slug, **extra})


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_role_by_page(world: PartnershipWorld, client_as, page: str, role: Role) -> None:
    extra, allowed = PAGES[page]
    response = client_as(role.value).get(url_for(page, world, extra))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_a_person_of_another_partnership_never_sees_the_page(
    world: PartnershipWorld, other_world: PartnershipWorld, page: str, role: Role
) -> None:
    """Isolation: a page of partnership A looks, to anyone of B, as if it did not exist."""
    client = Client()
    client.force_login(other_world.person(role.value))
    response = client.get(url_for(page, world, PAGES[page][0]))
    assert response.status_code == 404
    assert world.partnership.name not in response.content.decode()


@pytest.mark.parametrize("page", list(PAGES))
def test_signed_out_visitors_are_sent_to_sign_in(world: PartnershipWorld, page: str) -> None:
    url = url_for(page, world, PAGES[page][0])
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_ids_of_another_partnership_are_not_found(
    world: PartnershipWorld, other_world: PartnershipWorld, client_as
) -> None:
    """Changing the id in the URL to a record of another partnership finds nothing."""
    theirs = other_world.partnership.agencies.first()
    membership = other_world.person("reviewer").memberships.first()
    admin = client_as("administrator")
    slug = world.partnership.slug
    agency_url = reverse(
        "partnerships:agency-edit", kwargs={"partnership_slug": slug, "agency_id": theirs.pk}
    )
    membership_url = reverse(
        "partnerships:membership-edit",
        kwargs={"partnership_slug": slug, "membership_id": membership.pk},
    )
    assert admin.get(agency_url).status_code == 404
    assert admin.get(membership_url).status_code == 404
    assert admin.post(membership_url, {"role": "administrator"}).status_code == 404


def test_being_a_superuser_grants_nothing_in_a_partnership(world: PartnershipWorld) -> None:
    reviewer = world.person("reviewer")
    reviewer.is_superuser = True
    reviewer.save()
    client = Client()
    client.force_login(reviewer)
    url = url_for("partnerships:people", world, {})
    assert client.get(url).status_code == 403


def test_the_home_page_lists_only_the_persons_own_partnerships(
    world: PartnershipWorld, other_world: PartnershipWorld
) -> None:
    person = world.person("reviewer")
    from tests.factories import MembershipFactory, PartnershipFactory  # noqa: PLC0415

    third = PartnershipFactory(name="Third Test SCP")
    MembershipFactory(user=person, partnership=third, role=Role.REVIEWER)
    client = Client()
    client.force_login(person)
    page = client.get(reverse("home")).content.decode()
    assert world.partnership.name in page
    assert "Third Test SCP" in page
    assert other_world.partnership.name not in page
