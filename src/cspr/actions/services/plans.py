"""The plan as a whole (ACTIONS): starting it, the partners' sign-off, returning a signed-off
plan to draft, impact reviews and closing it."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.actions import workflow
from cspr.actions.models import Action, ActionPlan, ImpactReview, PlanSignOff
from cspr.actions.services._common import audit, check_version, locked
from cspr.actions.workflow import ActionStatus
from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.partnerships.models import StatutoryPartner
from cspr.rapid_reviews.models import RapidReview
from cspr.rapid_reviews.services.decisions import partners_represented_by, required_partners
from cspr.rapid_reviews.workflow import ReviewState as RapidReviewState
from cspr.reviews.models import Review

NO_PLAN_YET = (
    "An action plan follows the Rapid Review's recommendation or a review. Record the Rapid "
    "Review's meeting first."
)


def can_have_a_plan(case: Case) -> bool:
    """A plan answers a review's report or a Rapid Review's immediate actions: the case needs a
    review, or a Rapid Review whose meeting has been recorded."""
    if Review.objects.filter(case=case).exists():
        return True
    return RapidReview.objects.filter(case=case).exclude(state=RapidReviewState.GATHERING).exists()


@transaction.atomic
def plan_start(*, case: Case, by: User) -> ActionPlan:
    """Start the case's action plan, as a draft (one plan per case)."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    existing = ActionPlan.objects.filter(case=case).values_list("state", flat=True).first()
    state = workflow.next_state(existing, "start")
    if not can_have_a_plan(case):
        raise DomainError(NO_PLAN_YET)
    plan = ActionPlan.objects.create(case=case, state=state, started_by=by)
    plan.case = case
    audit(by, "action_plan.created", plan, plan)
    return plan


def plan_problems(plan: ActionPlan) -> list[str]:
    """What stops the plan being signed off (ACTIONS): it needs recommendations, each with a
    response, and each accepted or partly accepted one needs at least one action."""
    recommendations = list(plan.recommendations.order_by("number"))
    if not recommendations:
        return ["Add the recommendations the plan answers."]
    with_actions = set(
        Action.objects.filter(recommendation__plan=plan).values_list("recommendation_id", flat=True)
    )
    problems = []
    unanswered = [r.number for r in recommendations if not r.response]
    if unanswered:
        problems.append(f"Record the response to {_numbers('recommendation', unanswered)}.")
    no_actions = [r.number for r in recommendations if r.needs_actions and r.pk not in with_actions]
    if no_actions:
        problems.append(
            f"Add at least one action to {_numbers('recommendation', no_actions)}: "
            "an accepted recommendation needs an action."
        )
    return problems


def _numbers(noun: str, numbers: list[int]) -> str:
    listed = [str(n) for n in numbers]
    if len(listed) == 1:
        return f"{noun} {listed[0]}"
    return f"{noun}s {', '.join(listed[:-1])} and {listed[-1]}"


def signed_this_round(plan: ActionPlan) -> dict[str, PlanSignOff]:
    return {
        s.statutory_partner: s
        for s in plan.sign_offs.filter(round=plan.sign_off_round).select_related("signed_by")
    }


@transaction.atomic
def plan_sign_off(
    *,
    plan: ActionPlan,
    by: User,
    statutory_partner: str,
    comment: str = "",
    expected_version: int | None = None,
) -> ActionPlan:
    """A safeguarding partner signs the plan off (ACTIONS). When every statutory partner of
    the partnership has signed this version, the plan is signed off and its actions run.
    ``expected_version`` refuses a sign-off of a page someone has since changed."""
    plan = locked(plan)
    workflow.require(plan.state, "sign_off")
    check_version(plan.version, expected_version, "the plan")
    partnership = plan.case.partnership
    if statutory_partner not in partners_represented_by(by, partnership):
        raise DomainError(
            "You do not represent that safeguarding partner.", field="statutory_partner"
        )
    signed = signed_this_round(plan)
    if statutory_partner in signed:
        raise DomainError(
            f"{StatutoryPartner(statutory_partner).label} has already signed this plan off.",
            field="statutory_partner",
        )
    problems = plan_problems(plan)
    if problems:
        raise DomainError("The plan is not ready to sign off. " + " ".join(problems))
    PlanSignOff.objects.create(
        plan=plan,
        round=plan.sign_off_round,
        statutory_partner=statutory_partner,
        signed_by=by,
        comment=comment.strip(),
    )
    audit(
        by,
        "action_plan.partner_signed_off",
        plan,
        plan,
        partner=statutory_partner,
        round=plan.sign_off_round,
    )
    if {p.value for p in required_partners(partnership)} <= {*signed, statutory_partner}:
        plan.state = workflow.next_state(plan.state, "all_signed_off")
        plan.signed_off_on = timezone.localdate()
        plan.version += 1
        plan.save(update_fields=["state", "signed_off_on", "version", "updated_at"])
        audit(by, "action_plan.signed_off", plan, plan, round=plan.sign_off_round)
    return plan


@transaction.atomic
def plan_reopen(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Return a signed-off plan to draft so that it can change; the partners then sign the new
    version off (the earlier sign-offs stay on record)."""
    plan = locked(plan)
    plan.state = workflow.next_state(plan.state, "reopen")
    plan.signed_off_on = None
    plan.sign_off_round += 1
    plan.version += 1
    plan.save(update_fields=["state", "signed_off_on", "sign_off_round", "version", "updated_at"])
    audit(by, "action_plan.reopened", plan, plan, round=plan.sign_off_round)
    return plan


@transaction.atomic
def impact_review_record(
    *, plan: ActionPlan, by: User, reviewed_on: dt.date, findings: str
) -> ImpactReview:
    """The partners' review of the plan's impact: what has changed for children (ACTIONS).
    The first one moves the plan on; later ones are added to it."""
    plan = locked(plan)
    state = workflow.next_state(plan.state, "review_impact")
    if reviewed_on > timezone.localdate():
        raise DomainError(
            "The date of the review must be today or in the past.", field="reviewed_on"
        )
    assert plan.signed_off_on is not None  # noqa: S101 (a signed-off plan has its date)
    if reviewed_on < plan.signed_off_on:
        raise DomainError(
            "The date of the review must be on or after the day the plan was signed off "
            f"({plan.signed_off_on:%-d %B %Y}).",
            field="reviewed_on",
        )
    if not findings.strip():
        raise DomainError("Enter what has changed for children.", field="findings")
    review = ImpactReview.objects.create(
        plan=plan, reviewed_on=reviewed_on, findings=findings.strip(), recorded_by=by
    )
    plan.state = state
    plan.version += 1
    plan.save(update_fields=["state", "version", "updated_at"])
    audit(by, "impact_review.recorded", review, plan)
    return review


def incomplete_actions(plan: ActionPlan) -> list[Action]:
    return list(
        Action.objects.filter(recommendation__plan=plan)
        .exclude(status=ActionStatus.COMPLETE)
        .select_related("recommendation")
    )


@transaction.atomic
def plan_close(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Close the plan once its impact has been reviewed and every action is complete."""
    plan = locked(plan)
    state = workflow.next_state(plan.state, "close")
    open_actions = incomplete_actions(plan)
    if open_actions:
        labels = ", ".join(a.label for a in open_actions)
        raise DomainError(
            f"Every action must be complete before the plan is closed. Not complete: {labels}."
        )
    plan.state = state
    plan.closed_on = timezone.localdate()
    plan.version += 1
    plan.save(update_fields=["state", "closed_on", "version", "updated_at"])
    audit(by, "action_plan.closed", plan, plan)
    return plan
