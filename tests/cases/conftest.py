import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from cspr.cases.models import (
    AbuseOrNeglect,
    Case,
    ChildStatus,
    IncidentKind,
    IncidentLocation,
    YesNoUnknown,
)
from cspr.cases.services import case_refer
from tests.conftest import PartnershipWorld

# Monday 2 March 2026, 10:00 in London.
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
CHILD_NAME = "Ruby Testchild"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def case_values(**overrides: Any) -> dict[str, Any]:
    return {
        "incident_date": dt.date(2026, 2, 24),
        "la_aware_date": dt.date(2026, 2, 25),
        "partners_aware_date": None,
        "incident_kind": IncidentKind.SERIOUS_HARM,
        "abuse_or_neglect": AbuseOrNeglect.SUSPECTED,
        "location": IncidentLocation.IN_AREA,
        "child_statuses": [ChildStatus.CHILD_IN_NEED],
        "police_investigation": YesNoUnknown.YES,
        "parallel_processes": [],
        "case_outline": "An infant was admitted with unexplained fractures.",
        **overrides,
    }


def identity_values(**overrides: Any) -> dict[str, Any]:
    return {
        "not_yet_identified": False,
        "full_name": CHILD_NAME,
        "date_of_birth": dt.date(2025, 9, 1),
        **overrides,
    }


@pytest.fixture
def make_case(world: PartnershipWorld) -> Callable[..., Case]:
    def make(identity: dict[str, Any] | None = None, **overrides: Any) -> Case:
        lead = world.person("agency_lead")
        return case_refer(
            partnership=world.partnership,
            by=lead,
            referring_agency=lead.memberships.get().agency,
            case_values=case_values(**overrides),
            identity_values=identity_values(**(identity or {})),
            agencies_involved=[],
        )

    return make
