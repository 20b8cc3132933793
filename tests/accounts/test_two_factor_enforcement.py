"""Two-factor sign-in is required of every role before any page with partnership data: until
the second step is done, every page but the public ones sends the person to it, keeping where
they were going (safely)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from cspr.partnerships.models import Role
from tests.accounts.helpers import SECURITY_CODE, SET_UP, authenticator_for, fresh_code, sign_in
from tests.conftest import PartnershipWorld

ROLES = [role.value for role in Role]


def next_of(location: str) -> str:
    return parse_qs(urlsplit(location).query).get("next", [""])[0]


@pytest.fixture
def case_url(make_case, world: PartnershipWorld) -> str:
    case = make_case()
    return reverse(
        "cases:detail",
        kwargs={"partnership_slug": world.partnership.slug, "reference": case.reference},
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_case_page_needs_the_second_step_for_every_role(
    role: str, world: PartnershipWorld, case_url: str
) -> None:
    person = world.person(role)
    device = authenticator_for(person)
    client = Client()
    sign_in(client, person.email)

    refused = client.get(case_url)
    assert refused.status_code == 302
    assert refused["Location"].startswith(SECURITY_CODE)
    assert next_of(refused["Location"]) == case_url

    code_page = client.get(refused["Location"])
    assert code_page.status_code == 200
    assert world.partnership.name not in code_page.content.decode()  # nothing of it yet

    done = client.post(refused["Location"], {"code": fresh_code(device)})
    assert done["Location"] == case_url
    # Now the case page answers as the role's permissions say, not with the second step.
    after = client.get(case_url)
    assert after.status_code in {200, 403, 404}


@pytest.mark.parametrize(
    "name", ["partnerships:home", "partnerships:people", "audit:trail", "cases:list"]
)
def test_every_partnership_page_sends_an_unverified_person_to_the_code(
    name: str, world: PartnershipWorld, password_only
) -> None:
    authenticator_for(world.person("administrator"))
    client = password_only("administrator")
    response = client.get(reverse(name, kwargs={"partnership_slug": world.partnership.slug}))
    assert response.status_code == 302
    assert response["Location"].startswith(SECURITY_CODE)


def test_without_an_authenticator_the_person_is_sent_to_set_one_up(
    world: PartnershipWorld, password_only
) -> None:
    client = password_only("business_unit")
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    response = client.get(home)
    assert response["Location"].startswith(SET_UP)
    assert next_of(response["Location"]) == home


def test_the_password_step_goes_straight_to_the_code_keeping_next(world: PartnershipWorld) -> None:
    person = world.person("business_unit")
    authenticator_for(person)
    target = reverse("partnerships:people", kwargs={"partnership_slug": world.partnership.slug})
    response = Client().post(
        f"{reverse('accounts:sign-in')}?next={target}",
        {"username": person.email, "password": "correct horse battery staple"},
    )
    assert response["Location"].startswith(SECURITY_CODE)
    assert next_of(response["Location"]) == target


@pytest.mark.parametrize(
    "name", ["core:accessibility", "core:privacy", "clock:rules", "accounts:signed-out"]
)
def test_public_pages_need_no_second_step(
    name: str, world: PartnershipWorld, password_only
) -> None:
    assert password_only("agency_lead").get(reverse(name)).status_code == 200
    assert Client().get(reverse(name)).status_code == 200


def test_signing_out_needs_no_second_step(world: PartnershipWorld, password_only) -> None:
    client = password_only("agency_lead")
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/steal", "//evil.example/steal", "http://testserver.evil.example/"],
)
def test_an_address_outside_cspr_is_never_followed(
    next_url: str, world: PartnershipWorld, password_only
) -> None:
    device = authenticator_for(world.person("business_unit"))
    client = password_only("business_unit")
    response = client.post(f"{SECURITY_CODE}?next={next_url}", {"code": fresh_code(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_an_htmx_request_is_sent_to_the_code_page_as_a_whole_page(
    world: PartnershipWorld, password_only
) -> None:
    authenticator_for(world.person("business_unit"))
    client = password_only("business_unit")
    url = reverse("cases:list", kwargs={"partnership_slug": world.partnership.slug})
    response = client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(SECURITY_CODE)


def test_the_code_page_suits_authenticator_apps_and_phones(
    world: PartnershipWorld, password_only
) -> None:
    authenticator_for(world.person("reviewer"))
    page = password_only("reviewer").get(SECURITY_CODE).content.decode()
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page
    assert "<h1" in page
    assert "Enter your security code" in page
    assert reverse("accounts:two-factor-recovery") in page


def test_force_login_in_tests_means_fully_signed_in(client_as, world: PartnershipWorld) -> None:
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert client_as("business_unit").get(home).status_code == 200


@pytest.mark.without_second_factor
def test_the_marker_leaves_force_login_at_the_password_step(world: PartnershipWorld) -> None:
    client = Client()
    client.force_login(world.person("business_unit"))
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert client.get(home)["Location"].startswith(SET_UP)
