"""A deadline can be extended or paused only with a recorded reason (audited); the statutory
date stays visible beside the working one."""

import datetime as dt

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.adjustments import deadline_adjust
from cspr.cases.selectors import case_row
from cspr.core.errors import DomainError
from tests.conftest import PartnershipWorld

TODAY = dt.date(2026, 3, 2)


def notify_deadline(case):
    return next(d for d in case_row(case, today=TODAY).deadlines if d.rule.id == "NOTIFY-PANEL")


def test_extending_keeps_the_statutory_date_beside_the_working_one(
    make_case, client_as, world: PartnershipWorld
) -> None:
    case = make_case()
    url = reverse(
        "cases:adjust",
        kwargs={
            "partnership_slug": world.partnership.slug,
            "reference": case.reference,
            "rule_id": "NOTIFY-PANEL",
        },
    )
    client = client_as("business_unit")
    page = client.post(
        url,
        {"kind": "extended", "new_due_0": "6", "new_due_1": "3", "new_due_2": "2026", "reason": ""},
    ).content.decode()
    assert "Enter the reason for the change" in page
    assert 'value="6"' in page
    response = client.post(
        url,
        {
            "kind": "extended",
            "new_due_0": "6",
            "new_due_1": "3",
            "new_due_2": "2026",
            "reason": "National system outage.",
        },
    )
    assert response.status_code == 302
    deadline = notify_deadline(case)
    assert deadline.due == dt.date(2026, 3, 6)
    assert deadline.statutory_due == dt.date(2026, 3, 4)
    case_page = client.get(response["Location"]).content.decode()
    assert "Statutory date 4 March 2026" in case_page
    assert "National system outage." in case_page
    assert AuditEvent.objects.filter(verb="deadline.extended").exists()


def test_pausing_moves_the_date_on_by_the_working_days_paused(make_case, world) -> None:
    case = make_case()
    deadline_adjust(
        case=case,
        deadline=notify_deadline(case),
        by=world.person("business_unit"),
        kind="paused",
        paused_from=dt.date(2026, 3, 2),
        resumed_on=dt.date(2026, 3, 4),
        reason="Awaiting police agreement.",
    )
    assert notify_deadline(case).due == dt.date(2026, 3, 6)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "extended", "new_due": dt.date(2026, 3, 3)}, "after the statutory date"),
        ({"kind": "extended"}, "Enter the new date"),
        (
            {
                "kind": "paused",
                "paused_from": dt.date(2026, 3, 4),
                "resumed_on": dt.date(2026, 3, 2),
            },
            "on or after the pause date",
        ),
    ],
)
def test_bad_adjustments_are_refused(make_case, world, values, message: str) -> None:
    case = make_case()
    with pytest.raises(DomainError, match=message):
        deadline_adjust(
            case=case,
            deadline=notify_deadline(case),
            by=world.person("business_unit"),
            reason="r",
            **values,
        )


@pytest.mark.parametrize("role", ["agency_lead", "safeguarding_partner"])
def test_only_the_business_unit_adjusts(make_case, client_as, world, role: str) -> None:
    case = make_case()
    url = reverse(
        "cases:adjust",
        kwargs={
            "partnership_slug": world.partnership.slug,
            "reference": case.reference,
            "rule_id": "NOTIFY-PANEL",
        },
    )
    assert client_as(role).get(url).status_code == 403


def test_an_unknown_or_met_deadline_is_not_found(make_case, client_as, world) -> None:
    case = make_case()
    url = reverse(
        "cases:adjust",
        kwargs={
            "partnership_slug": world.partnership.slug,
            "reference": case.reference,
            "rule_id": "CSPR-COMPLETE",
        },
    )
    assert client_as("business_unit").get(url).status_code == 404
