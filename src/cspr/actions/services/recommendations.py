"""Recommendations of a draft plan, with the partnership's response and themes (ACTIONS), and
the Rapid Review's immediate actions brought into the plan."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from cspr.accounts.models import User
from cspr.actions.models import (
    NEEDS_REASONS,
    ActionPlan,
    Recommendation,
    RecommendationSource,
    Response,
)
from cspr.actions.services._common import audit, check_version, locked, plan_changed, require_draft
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.learning.models import Theme
from cspr.rapid_reviews.models import ImmediateAction

REASONS_NEEDED = {
    Response.PARTLY.value: "Enter why the recommendation is only partly accepted.",
    Response.NOT_ACCEPTED.value: "Enter why the recommendation is not accepted.",
}


def _check(text: str, response: str, reasons: str, themes: Iterable[Theme]) -> None:
    if not text.strip():
        raise DomainError("Enter the recommendation.", field="text")
    if response and response not in Response.values:
        raise DomainError("Select the response to the recommendation.", field="response")
    if response in NEEDS_REASONS and not reasons.strip():
        raise DomainError(REASONS_NEEDED[response], field="response_reasons")
    if any(not theme.is_active for theme in themes):
        raise DomainError("Choose themes that are in use.", field="themes")


def _next_number(plan: ActionPlan) -> int:
    last = plan.recommendations.aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


@transaction.atomic
def recommendation_add(
    *,
    plan: ActionPlan,
    by: User,
    text: str,
    response: str = "",
    response_reasons: str = "",
    themes: Iterable[Theme] = (),
) -> Recommendation:
    """A recommendation of the review's report, with the partnership's response if it has
    decided one: reasons are needed unless it is accepted (ACTIONS)."""
    plan = locked(plan)
    require_draft(plan)
    themes = list(themes)
    _check(text, response, response_reasons, themes)
    recommendation = Recommendation.objects.create(
        plan=plan,
        number=_next_number(plan),
        text=text.strip(),
        source=RecommendationSource.REVIEW,
        response=response,
        response_reasons=response_reasons.strip(),
        created_by=by,
    )
    recommendation.themes.set(themes)
    plan.save(update_fields=plan_changed(plan))
    audit(
        by,
        "recommendation.added",
        recommendation,
        plan,
        number=recommendation.number,
        response=response,
        themes=sorted(t.pk for t in themes),
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    by: User,
    text: str,
    response: str,
    response_reasons: str,
    themes: Iterable[Theme],
    expected_version: int,
) -> Recommendation:
    """Change a recommendation of a draft plan, its response or its themes. A second editor
    working from an older version is refused (StaleEdit)."""
    plan = locked(recommendation.plan)
    require_draft(plan)
    themes = list(themes)
    _check(text, response, response_reasons, themes)
    current = Recommendation.objects.get(pk=recommendation.pk)
    check_version(current.version, expected_version, "this recommendation")
    values = {
        "text": text.strip(),
        "response": response,
        "response_reasons": "" if response == Response.ACCEPTED else response_reasons.strip(),
    }
    changed = sorted(name for name, value in values.items() if getattr(current, name) != value)
    old_themes = set(current.themes.values_list("pk", flat=True))
    if old_themes != {t.pk for t in themes}:
        changed.append("themes")
    for name, value in values.items():
        setattr(current, name, value)
    save_versioned(current, expected_version=expected_version, fields=list(values))
    current.themes.set(themes)
    plan.save(update_fields=plan_changed(plan))
    audit(by, "recommendation.updated", current, plan, number=current.number, fields=changed)
    return current


def immediate_actions_to_bring_in(plan: ActionPlan) -> list[ImmediateAction]:
    """The Rapid Review's immediate actions not yet in the plan."""
    return list(
        ImmediateAction.objects.filter(
            rapid_review__case_id=plan.case_id, recommendation__isnull=True
        ).select_related("owner_agency")
    )


@transaction.atomic
def immediate_actions_bring_in(
    *, plan: ActionPlan, by: User, immediate_actions: Iterable[ImmediateAction]
) -> list[Recommendation]:
    """Bring the Rapid Review's immediate actions into the plan, each as an accepted
    recommendation of source "Rapid Review immediate action". Each then needs its action,
    with a named owner."""
    plan = locked(plan)
    require_draft(plan)
    chosen = list(immediate_actions)
    if not chosen:
        raise DomainError(
            "Select the immediate actions to bring into the plan.", field="immediate_actions"
        )
    available = {item.pk for item in immediate_actions_to_bring_in(plan)}
    if any(item.pk not in available for item in chosen):
        raise DomainError(
            "Choose immediate actions of this case's Rapid Review that are not in the plan yet.",
            field="immediate_actions",
        )
    number = _next_number(plan)
    created = []
    for offset, item in enumerate(sorted(chosen, key=lambda i: i.pk)):
        created.append(
            Recommendation.objects.create(
                plan=plan,
                number=number + offset,
                text=item.action,
                source=RecommendationSource.RAPID_REVIEW,
                immediate_action=item,
                response=Response.ACCEPTED,
                created_by=by,
            )
        )
    plan.save(update_fields=plan_changed(plan))
    audit(
        by,
        "immediate_actions.brought_in",
        plan,
        plan,
        immediate_actions=[item.pk for item in chosen],
        numbers=[r.number for r in created],
    )
    return created


@transaction.atomic
def recommendation_remove(*, recommendation: Recommendation, by: User) -> None:
    """Remove a recommendation entered by mistake from a draft plan; the ones after it move
    up a number. A recommendation with actions keeps them: remove those first."""
    plan = locked(recommendation.plan)
    require_draft(plan)
    current = Recommendation.objects.get(pk=recommendation.pk)
    if current.actions.exists():
        raise DomainError(f"Recommendation {current.number} has actions. Remove its actions first.")
    number = current.number
    current.delete()
    for later in plan.recommendations.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number", "updated_at"])
    plan.save(update_fields=plan_changed(plan))
    audit(by, "recommendation.removed", plan, plan, number=number)
