import datetime as dt

from cspr.cases.workflow import CaseState
from cspr.clock.selectors import partnership_due_date


def test_a_local_cspr_opens_from_the_decided_case(cspr) -> None:
    """CSPR-COMPLETE: 6 months after the decision."""
    assert cspr.case.state == CaseState.UNDER_REVIEW
    due = partnership_due_date(
        partnership=cspr.case.partnership, rule_id="CSPR-COMPLETE", start=cspr.decided_on
    )
    assert due == dt.date(2026, 9, 2)


def test_the_commissioned_reviewer_sees_the_case(commission, client_as) -> None:
    from django.urls import reverse  # noqa: PLC0415

    case = commission.review.case
    url = reverse(
        "cases:detail",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )
    assert client_as("reviewer").get(url).status_code == 200
