"""The retention page: the administrator sets how long closed cases are kept (audited, stale
edits refused, errors in the summary with what was typed kept); the business unit and partners
see it with the closed cases by reference; the administrator sees how many, not which; nobody
else sees it. The list costs the same queries however many cases are closed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.backups import selectors
from cspr.backups.services.retention import retention_policy_set
from cspr.cases.services import case_triage
from tests.conftest import PartnershipWorld


def url(world: PartnershipWorld, name: str = "backups:retention") -> str:
    return reverse(name, kwargs={"partnership_slug": world.partnership.slug})


@pytest.fixture
def closed_case(make_case, world: PartnershipWorld):
    return case_triage(
        case=make_case(), by=world.person("business_unit"), outcome="close", reason="No abuse."
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("business_unit", 200),
        ("safeguarding_partner", 200),
        ("agency_lead", 403),
        ("reviewer", 403),
        ("independent_scrutineer", 403),
    ],
)
def test_who_sees_the_page(client_as, world, role: str, status: int) -> None:
    assert client_as(role).get(url(world)).status_code == status


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "agency_lead"])
def test_only_the_administrator_changes_the_period(client_as, world, role: str) -> None:
    client = client_as(role)
    assert client.get(url(world, "backups:retention-edit")).status_code == 403
    assert client.post(url(world, "backups:retention-edit"), {"years": "3"}).status_code == 403
    assert selectors.policy_of(world.partnership) is None


def test_the_page_says_nothing_is_deleted_until_a_period_is_set(client_as, world) -> None:
    page = client_as("administrator").get(url(world)).content.decode()
    assert "<h1" in page
    assert page.count("<h1") == 1
    assert "Closed cases are kept indefinitely" in page
    assert "Set a retention period" in page


def test_the_administrator_sets_the_period(client_as, world) -> None:
    client = client_as("administrator")
    assert client.get(url(world, "backups:retention-edit")).status_code == 200
    response = client.post(
        url(world, "backups:retention-edit"), {"years": "7", "basis": "Our schedule."}
    )
    assert response.status_code == 302
    policy = selectors.policy_of(world.partnership)
    assert policy is not None
    assert (policy.years, policy.basis, policy.changed_by) == (
        7,
        "Our schedule.",
        world.person("administrator"),
    )
    page = client.get(url(world)).content.decode()
    assert "Closed cases are kept for <strong>7 years</strong>" in page
    assert AuditEvent.objects.filter(verb="retention_policy.created").exists()


def test_a_wrong_number_is_shown_in_the_error_summary_with_what_was_typed(client_as, world) -> None:
    response = client_as("administrator").post(
        url(world, "backups:retention-edit"), {"years": "0", "basis": "Kept text."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter at least 1 year" in page
    assert "Kept text." in page


def test_a_stale_edit_is_refused(client_as, world) -> None:
    admin = world.person("administrator")
    retention_policy_set(partnership=world.partnership, by=admin, years=5)
    retention_policy_set(partnership=world.partnership, by=admin, years=6)
    response = client_as("administrator").post(
        url(world, "backups:retention-edit"), {"years": "9", "version": "1"}
    )
    assert "Someone else saved this record" in response.content.decode()
    policy = selectors.policy_of(world.partnership)
    assert policy is not None
    assert policy.years == 6


def test_keeping_indefinitely_again(client_as, world) -> None:
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=5)
    client = client_as("administrator")
    assert (
        "Keep closed cases indefinitely"
        in client.get(url(world, "backups:retention-stop")).content.decode()
    )
    assert client.post(url(world, "backups:retention-stop")).status_code == 302
    assert selectors.policy_of(world.partnership) is None
    assert client.post(url(world, "backups:retention-stop")).status_code == 400


def test_the_business_unit_sees_the_closed_cases_by_reference(
    client_as, world, closed_case
) -> None:
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=6)
    page = client_as("business_unit").get(url(world)).content.decode()
    assert closed_case.reference in page
    assert "2 Mar 2032" in page
    assert closed_case.pseudonym not in page


def test_the_administrator_sees_how_many_not_which(client_as, world, closed_case) -> None:
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=6)
    page = client_as("administrator").get(url(world)).content.decode()
    assert closed_case.reference not in page
    assert "2 March 2032" in page  # the next deletion


def test_viewing_the_page_is_audited(client_as, world) -> None:
    client_as("business_unit").get(url(world))
    assert AuditEvent.objects.filter(verb="retention.viewed").exists()


def test_the_list_costs_the_same_queries_however_many_cases(client_as, world, make_case) -> None:
    bu = world.person("business_unit")
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=6)
    client = client_as("business_unit")

    def close(count: int) -> None:
        for _ in range(count):
            case_triage(case=make_case(), by=bu, outcome="close", reason="No abuse.")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(world)).status_code == 200
        return len(captured)

    close(3)
    few = queries()
    close(6)
    assert queries() == few


@pytest.mark.parametrize(
    "name", ["backups:retention", "backups:retention-edit", "backups:retention-stop"]
)
def test_another_partnership_finds_nothing(world, other_world, name: str) -> None:
    """Also covered by tests/security/test_partnership_isolation.py ("backups:")."""
    retention_policy_set(partnership=world.partnership, by=world.person("administrator"), years=5)
    client = Client()
    client.force_login(other_world.person("administrator"))
    assert client.get(url(world, name)).status_code == 404
    assert client.post(url(world, name), {"years": "1"}).status_code == 404
    policy = selectors.policy_of(world.partnership)
    assert policy is not None
    assert policy.years == 5
