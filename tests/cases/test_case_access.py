"""Need to know on cases: who sees a case, who sees the child's identity, and that every view
is audited."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.services import case_triage
from tests.conftest import PartnershipWorld
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.fixtures.cases import CHILD_NAME


def detail(case) -> str:
    return reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


@pytest.mark.parametrize("role", ["business_unit", "safeguarding_partner", "agency_lead"])
def test_those_who_need_it_see_the_case_and_the_child(make_case, client_as, role: str) -> None:
    case = make_case()
    page = client_as(role).get(detail(case))
    assert page.status_code == 200
    assert CHILD_NAME in page.content.decode()
    assert case.pseudonym in page.content.decode()


@pytest.mark.parametrize("role", ["reviewer", "independent_scrutineer", "administrator"])
def test_others_in_the_partnership_do_not_see_the_case(make_case, client_as, role: str) -> None:
    assert client_as(role).get(detail(make_case())).status_code == 404


def test_an_agency_lead_of_another_agency_does_not_see_the_case(
    make_case, world: PartnershipWorld
) -> None:
    other_lead = UserFactory()
    MembershipFactory(
        user=other_lead,
        partnership=world.partnership,
        role="agency_lead",
        agency=AgencyFactory(partnership=world.partnership),
    )
    client = Client()
    client.force_login(other_lead)
    assert client.get(detail(make_case())).status_code == 404


def test_nobody_of_another_partnership_sees_the_case(
    make_case, other_world: PartnershipWorld
) -> None:
    case = make_case()
    for person in other_world.people.values():
        client = Client()
        client.force_login(person)
        assert client.get(detail(case)).status_code == 404
        assert client.get(detail(case) + "triage/").status_code == 404


def test_viewing_a_case_is_audited(make_case, client_as, world: PartnershipWorld) -> None:
    case = make_case()
    client_as("safeguarding_partner").get(detail(case))
    event = AuditEvent.objects.get(verb="case.viewed")
    assert event.object_id == str(case.pk)
    assert event.actor == world.person("safeguarding_partner")
    assert CHILD_NAME not in str(event.data)


def test_the_case_list_is_most_urgent_first_and_its_query_count_is_constant(
    make_case, client_as, world: PartnershipWorld
) -> None:
    list_url = reverse("cases:list", kwargs={"partnership_slug": world.partnership.slug})
    client = client_as("business_unit")
    older = make_case(la_aware_date=__import__("datetime").date(2026, 2, 24))
    newer = make_case()
    case_triage(case=newer, by=world.person("business_unit"), outcome="notify", reason="x")
    page = client.get(list_url).content.decode()
    assert page.index(older.reference) < page.index(newer.reference)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url).status_code == 200
        return len(queries)

    few = count()
    for _ in range(4):
        make_case()
    assert count() == few


def test_the_case_list_filters_by_stage(make_case, client_as, world: PartnershipWorld) -> None:
    triaged, waiting = make_case(), make_case()
    case_triage(case=triaged, by=world.person("business_unit"), outcome="notify", reason="x")
    list_url = reverse("cases:list", kwargs={"partnership_slug": world.partnership.slug})
    page = client_as("business_unit").get(list_url, {"stage": "referred"}).content.decode()
    assert waiting.reference in page
    assert triaged.reference not in page


def test_an_agency_lead_sees_their_agencys_cases_on_their_home_page(
    make_case, client_as, world: PartnershipWorld
) -> None:
    case = make_case()
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert case.reference in client_as("agency_lead").get(home).content.decode()


def test_the_case_list_filters_by_the_next_deadlines_status(
    make_case, client_as, world: PartnershipWorld
) -> None:
    """NOTIFY-PANEL from 20 February 2026 was due on 27 February: overdue on 2 March."""
    import datetime as dt  # noqa: PLC0415

    late = make_case(incident_date=dt.date(2026, 2, 20), la_aware_date=dt.date(2026, 2, 20))
    on_time = make_case()
    list_url = reverse("cases:list", kwargs={"partnership_slug": world.partnership.slug})
    page = client_as("business_unit").get(list_url, {"status": "OVERDUE"}).content.decode()
    assert late.reference in page
    assert on_time.reference not in page
    assert "Overdue" in page
