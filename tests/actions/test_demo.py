"""The demo action plans (``manage.py seed_demo``): fictional, idempotent, and showing the
process at work: a closed earlier plan, a signed-off plan with an overdue action owned by the
demo school lead, and the recurrence between them."""

import datetime as dt

from cspr.actions.demo import seed_demo_actions
from cspr.actions.models import ActionPlan
from cspr.actions.selectors import overdue_actions, similar_recommendations
from cspr.actions.workflow import PlanState
from cspr.partnerships.demo import seed_demo


def test_the_demo_plans(db) -> None:
    partnership, _ = seed_demo(password=None)
    assert seed_demo_actions(partnership) == 2
    assert seed_demo_actions(partnership) == 0  # idempotent
    plans = {plan.state: plan for plan in ActionPlan.objects.all()}
    assert set(plans) == {PlanState.CLOSED, PlanState.SIGNED_OFF}
    current = plans[PlanState.SIGNED_OFF]
    assert current.case.review is not None
    assert "FICTIONAL DEMO" in current.case.case_outline
    school_lead = current.case.partnership.memberships.get(
        user__email="school.lead@northshire.example"
    ).user
    today = dt.date.today()  # noqa: DTZ011 (the seed uses today, whatever it is)
    mine = list(
        overdue_actions(
            user=school_lead, partnership=partnership, today=today, owned_by=school_lead
        )
    )
    assert len(mine) == 1
    first = current.recommendations.get(number=1)
    similar = similar_recommendations(first, today=today)
    assert [s.recommendation.plan for s in similar] == [plans[PlanState.CLOSED]]
    assert first.themes.exists()
    responses = set(current.recommendations.values_list("response", flat=True))
    assert responses == {"accepted", "partly", "not_accepted"}
