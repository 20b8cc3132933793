from typing import Any

from django.db.models import Model

from cspr.accounts.models import User
from cspr.actions import workflow
from cspr.actions.models import ActionPlan
from cspr.audit.services import audit_record
from cspr.core.errors import StaleEdit


def audit(by: User, verb: str, obj: Model, plan: ActionPlan, **data: Any) -> None:
    """An event with ids, numbers and field names only: never a recommendation's or an
    action's words, which may describe the case."""
    audit_record(
        by=by,
        verb=verb,
        obj=obj,
        partnership_id=plan.case.partnership_id,
        data={"plan": plan.pk, "case": plan.case_id, **data},
    )


def locked(plan: ActionPlan) -> ActionPlan:
    """Re-read the plan under a row lock, so the workflow guard sees its latest state."""
    return (
        ActionPlan.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=plan.pk)
    )


def plan_changed(plan: ActionPlan) -> list[str]:
    """A draft plan's content changed: its version goes up, and sign-offs already given to the
    earlier content no longer count (the partners sign again: a new round). Returns the fields
    to save."""
    fields = ["version", "updated_at"]
    plan.version += 1
    if plan.sign_offs.filter(round=plan.sign_off_round).exists():
        plan.sign_off_round += 1
        fields.append("sign_off_round")
    return fields


def require_draft(plan: ActionPlan) -> None:
    workflow.require(plan.state, "edit")


def check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and current != expected:
        raise StaleEdit(
            f"Someone else saved {what} after you opened it. Your changes have not been "
            "saved: check the latest version below and try again."
        )
