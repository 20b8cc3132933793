"""One record of each kind an action plan URL names, for tests that walk every URL
(tests/security/test_partnership_isolation.py uses ``action_url_ids``)."""

import datetime as dt
from typing import Any

from cspr.actions.services.actions import action_add, action_update_record
from cspr.actions.services.plans import plan_start
from cspr.actions.services.recommendations import recommendation_add
from tests.documents.files import png_bytes, upload


def action_url_ids(review: Any, world: Any) -> dict[str, int]:
    """Real ids, by URL keyword, of a plan's recommendation, its action (owned by the world's
    agency lead) and an evidence file of an update. The case must have no plan yet."""
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    plan = plan_start(case=review.case, by=bu)
    recommendation = recommendation_add(plan=plan, by=bu, text="x", response="accepted")
    action = action_add(
        recommendation=recommendation,
        by=bu,
        values={
            "what": "x",
            "agency": lead.memberships.get().agency,
            "owner": lead,
            "starts_on": dt.date(2026, 3, 2),
            "due_on": dt.date(2026, 6, 30),
            "impact_measure": "x",
        },
    )
    update = action_update_record(
        action=action,
        by=lead,
        text="x",
        status="on_track",
        impact_evidence="",
        files=[upload("e.png", png_bytes())],
        expected_version=action.version,
    )
    return {
        "recommendation_id": recommendation.pk,
        "action_id": action.pk,
        "evidence_id": update.evidence.get().pk,
    }
