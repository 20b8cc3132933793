"""The pages of differences of opinion (DISPUTE): raising and closing stages through the forms,
errors that keep what was typed, well-formed pages, the list's constant query count, and the
partial for the case page."""

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.disputes.models import Dispute
from cspr.disputes.selectors import case_disputes_context, disputes_for_case
from cspr.disputes.workflow import DisputeState, Stage
from tests.conftest import PartnershipWorld
from tests.core.test_page_structure import assert_well_formed
from tests.disputes.conftest import dispute_page, raise_page

WHAT_WE_THINK = "The recommendation of no further review is not supported by the returns."


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_an_agency_lead_raises_a_dispute_through_the_form(
    case, client_as, world: PartnershipWorld
) -> None:
    """DISPUTE: raised by an agency's representative."""
    client = client_as("agency_lead")
    agency = world.person("agency_lead").memberships.get().agency
    form = client.get(raise_page(case)).content.decode()
    assert "Raise a difference of opinion" in form
    response = client.post(
        raise_page(case),
        {"agency": agency.pk, "subject": "rapid_review_recommendation", "summary": WHAT_WE_THINK},
    )
    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == dispute_page(dispute)
    page = client.get(response["Location"]).content.decode()
    assert "Difference of opinion raised" in page
    assert WHAT_WE_THINK in page
    assert dispute.raised_for_agency == agency


def test_a_raise_form_with_errors_keeps_what_was_typed(case, client_as) -> None:
    response = client_as("business_unit").post(raise_page(case), {"summary": WHAT_WE_THINK})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select what the difference of opinion is about" in page
    assert WHAT_WE_THINK in page
    assert not Dispute.objects.exists()


def test_the_business_unit_walks_the_stages_through_the_forms(
    make_dispute, client_as, frozen_today
) -> None:
    """DISPUTE: each stage dated with its outcome, then escalated or resolved."""
    dispute = make_dispute()
    frozen_today.move_to(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC))
    client = client_as("business_unit")  # signed in after the clock moved on
    detail = client.get(dispute_page(dispute)).content.decode()
    assert (
        reverse(
            "disputes:close-stage",
            kwargs={"partnership_slug": dispute.case.partnership.slug, "dispute_id": dispute.pk},
        )
        in detail
    )
    for ended, next_step in ((dt.date(2026, 3, 9), "escalate"), (dt.date(2026, 3, 13), "resolve")):
        dispute.refresh_from_db()
        response = client.post(
            dispute_page(dispute, "disputes:close-stage"),
            {
                "outcome": f"Outcome on {ended}",
                **date_fields("ended_on", ended),
                "next_step": next_step,
                "resolution": "",
                "version": dispute.version,
            },
        )
        assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.RESOLVED
    assert dispute.resolved_on == dt.date(2026, 3, 13)
    page = client.get(dispute_page(dispute)).content.decode()
    assert "Outcome on 2026-03-09" in page
    assert "13 March 2026" in page
    assert "Not reached" in page  # mediation
    assert 'action="' + dispute_page(dispute, "disputes:close-stage") not in page
    after = client.get(dispute_page(dispute, "disputes:close-stage"))
    assert after.status_code == 302  # nothing to record after resolution


def test_a_close_form_with_a_future_date_keeps_what_was_typed(make_dispute, client_as) -> None:
    dispute = make_dispute()
    response = client_as("business_unit").post(
        dispute_page(dispute, "disputes:close-stage"),
        {
            "outcome": "Agreed after a second meeting.",
            **date_fields("ended_on", dt.date(2026, 3, 9)),
            "next_step": "escalate",
            "version": dispute.version,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date this stage ended must be today or in the past." in page
    assert "Agreed after a second meeting." in page
    assert 'value="9"' in page
    assert dispute.stages.get().ended_on is None


def test_the_mediation_form_offers_only_resolution(make_dispute, escalate, client_as) -> None:
    """DISPUTE: mediation by the independent scrutineer is the last stage."""
    dispute = make_dispute()
    escalate(dispute)
    escalate(dispute)
    page = client_as("independent_scrutineer").get(dispute_page(dispute, "disputes:close-stage"))
    html = page.content.decode()
    assert 'value="resolve"' in html
    assert 'value="escalate"' not in html


@pytest.mark.parametrize("page", ["list", "raise", "detail", "close-stage"])
def test_dispute_pages_are_well_formed(make_dispute, client_as, page: str) -> None:
    dispute = make_dispute()
    if page == "list":
        address = reverse(
            "disputes:list", kwargs={"partnership_slug": dispute.case.partnership.slug}
        )
    elif page == "raise":
        address = raise_page(dispute.case)
    else:
        address = dispute_page(dispute, f"disputes:{page}")
    response = client_as("business_unit").get(address)
    assert response.status_code == 200
    assert_well_formed(response.content.decode())


@pytest.mark.parametrize("role", ["business_unit", "agency_lead", "independent_scrutineer"])
def test_the_list_query_count_does_not_grow_with_the_disputes(
    make_case, make_dispute, escalate, client_as, role: str
) -> None:
    client = client_as(role)

    def add_two() -> str:
        escalate(make_dispute(on=make_case()))
        slug = make_dispute().case.partnership.slug
        return reverse("disputes:list", kwargs={"partnership_slug": slug})

    list_url = add_two()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url).status_code == 200
        return len(queries)

    few = count()
    add_two()
    add_two()
    assert count() == few
    assert Dispute.objects.count() == 6


def test_the_case_page_partial_lists_open_disputes_and_offers_to_raise(
    make_dispute, world: PartnershipWorld
) -> None:
    open_one = make_dispute()
    case = open_one.case
    lead = world.person("agency_lead")
    context = case_disputes_context(user=lead, case=case)
    html = render_to_string(
        "disputes/_case_disputes.html",
        {**context, "partnership": world.partnership, "case": case},
    )
    assert context["can_raise_dispute"] is True
    assert dispute_page(open_one) in html
    assert raise_page(case) in html
    assert f"stage {Stage.DISCUSSION.value} of 3" in html


def test_the_case_page_partial_leaves_out_resolved_disputes(
    make_dispute, world: PartnershipWorld
) -> None:
    resolved = make_dispute()
    Dispute.objects.filter(pk=resolved.pk).update(
        state=DisputeState.RESOLVED, resolved_on=dt.date(2026, 3, 2)
    )
    lead = world.person("agency_lead")
    assert disputes_for_case(user=lead, case=resolved.case) == []
    assert disputes_for_case(user=lead, case=resolved.case, include_resolved=True) == [resolved]
    reviewer = world.person("reviewer")
    assert case_disputes_context(user=reviewer, case=resolved.case) == {
        "case_disputes": [],
        "can_raise_dispute": False,
    }
