"""Actions: drafted by the business unit (what, owning agency, named owner, dates, impact
measure), then updated by the owning agency with progress, status and evidence (ACTIONS)."""

import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cspr.accounts.models import User
from cspr.actions import workflow
from cspr.actions.models import (
    Action,
    ActionEvidence,
    ActionPlan,
    ActionUpdate,
    Recommendation,
    Response,
)
from cspr.actions.services._common import audit, check_version, locked, plan_changed, require_draft
from cspr.actions.workflow import ActionStatus
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.documents import filetypes
from cspr.partnerships.models import Agency, Membership, Role

ACTION_FIELDS = ("what", "agency", "owner", "starts_on", "due_on", "impact_measure")
MAX_EVIDENCE_FILES = 5
# Evidence of completion or impact: documents, spreadsheets and images.
EVIDENCE_TYPES = filetypes.ALL_TYPES
OWNER_ROLES = (Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)


def may_own(user: User, agency: Agency) -> bool:
    """A named owner leads the owning agency, or belongs to the partnership's business unit or
    is a safeguarding partner's representative."""
    memberships = Membership.objects.current().filter(
        user=user, user__is_active=True, partnership_id=agency.partnership_id
    )
    return memberships.filter(role=Role.AGENCY_LEAD, agency=agency).exists() or (
        memberships.filter(role__in=OWNER_ROLES).exists()
    )


def _check(plan: ActionPlan, values: dict[str, Any]) -> dict[str, Any]:
    what = (values.get("what") or "").strip()
    if not what:
        raise DomainError("Enter what will be done.", field="what")
    agency: Agency | None = values.get("agency")
    if agency is None or agency.partnership_id != plan.case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="agency")
    owner: User | None = values.get("owner")
    if owner is None or not may_own(owner, agency):
        raise DomainError(
            f"Choose a named owner who leads {agency.name} in CSPR, or someone of the "
            "business unit or a safeguarding partner.",
            field="owner",
        )
    starts_on: dt.date | None = values.get("starts_on")
    due_on: dt.date | None = values.get("due_on")
    if starts_on is None:
        raise DomainError("Enter the date the action starts.", field="starts_on")
    if due_on is None:
        raise DomainError("Enter the date the action is due.", field="due_on")
    if due_on < starts_on:
        raise DomainError(
            "The date the action is due must be the same as or after the date it starts.",
            field="due_on",
        )
    if not (values.get("impact_measure") or "").strip():
        raise DomainError(
            "Enter how you will know the action has made a difference for children.",
            field="impact_measure",
        )
    return {
        "what": what,
        "agency": agency,
        "owner": owner,
        "starts_on": starts_on,
        "due_on": due_on,
        "impact_measure": values["impact_measure"].strip(),
    }


@transaction.atomic
def action_add(*, recommendation: Recommendation, by: User, values: dict[str, Any]) -> Action:
    """An action answering an accepted (or partly accepted) recommendation of a draft plan."""
    plan = locked(recommendation.plan)
    require_draft(plan)
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    if recommendation.response == Response.NOT_ACCEPTED:
        raise DomainError(
            f"Recommendation {recommendation.number} is not accepted, so it has no actions. "
            "Change its response first."
        )
    checked = _check(plan, values)
    last = recommendation.actions.aggregate(last=Max("number"))["last"]
    action = Action.objects.create(
        recommendation=recommendation, number=(last or 0) + 1, created_by=by, **checked
    )
    plan.save(update_fields=plan_changed(plan))
    audit(
        by,
        "action.added",
        action,
        plan,
        recommendation=recommendation.number,
        number=action.number,
        agency=checked["agency"].pk,
        owner=checked["owner"].pk,
    )
    return action


@transaction.atomic
def action_change(
    *, action: Action, by: User, values: dict[str, Any], expected_version: int
) -> Action:
    """Change an action of a draft plan. A second editor working from an older version is
    refused (StaleEdit)."""
    plan = locked(action.recommendation.plan)
    require_draft(plan)
    checked = _check(plan, values)
    current = Action.objects.select_related("recommendation").get(pk=action.pk)
    check_version(current.version, expected_version, "this action")
    changed = sorted(name for name, value in checked.items() if getattr(current, name) != value)
    for name, value in checked.items():
        setattr(current, name, value)
    save_versioned(current, expected_version=expected_version, fields=list(ACTION_FIELDS))
    plan.save(update_fields=plan_changed(plan))
    audit(by, "action.changed", current, plan, fields=changed)
    return current


def check_evidence(files: list[Any]) -> list[filetypes.CheckedFile]:
    """Each file checked by what is inside it (``documents.filetypes``), before anything is
    saved: one bad file refuses the whole update, naming the file."""
    if len(files) > MAX_EVIDENCE_FILES:
        raise DomainError(f"Select up to {MAX_EVIDENCE_FILES} files at a time.", field="evidence")
    checked = []
    for upload in files:
        try:
            checked.append(filetypes.check_upload(upload, allowed=EVIDENCE_TYPES))
        except DomainError as error:
            name = PurePosixPath((getattr(upload, "name", "") or "").replace("\\", "/")).name
            raise DomainError(f"{name[:100]}: {error.message}", field="evidence") from error
    return checked


@transaction.atomic
def action_update_record(
    *,
    action: Action,
    by: User,
    text: str,
    status: str,
    impact_evidence: str,
    files: list[Any],
    expected_version: int,
) -> ActionUpdate:
    """The owning agency's update: progress, the status it reports, evidence of impact so far,
    and files as evidence (ACTIONS). Marking it complete records today as its completion date.
    An update made from an older version of the action is refused (StaleEdit)."""
    plan = locked(action.recommendation.plan)
    workflow.require(plan.state, "record_update")
    if status not in ActionStatus.values:
        raise DomainError("Select the action's status.", field="status")
    if not text.strip():
        raise DomainError("Enter what has been done.", field="text")
    checked = check_evidence(files)
    current = Action.objects.select_related("recommendation").get(pk=action.pk)
    check_version(current.version, expected_version, "this action")
    today = timezone.localdate()
    was_overdue = current.is_overdue(today)
    current.status = status
    if status == ActionStatus.COMPLETE:
        current.completed_on = current.completed_on or today
    else:
        current.completed_on = None
    current.impact_evidence = impact_evidence.strip()
    save_versioned(
        current,
        expected_version=expected_version,
        fields=["status", "completed_on", "impact_evidence"],
    )
    update = ActionUpdate.objects.create(
        action=current, text=text.strip(), status=status, was_overdue=was_overdue, recorded_by=by
    )
    stored = [
        _store(update, upload, check, by) for upload, check in zip(files, checked, strict=True)
    ]
    audit(
        by,
        "action_update.recorded",
        update,
        plan,
        action=current.pk,
        status=status,
        evidence=[e.pk for e in stored],
    )
    return update


def _store(
    update: ActionUpdate, upload: Any, checked: filetypes.CheckedFile, by: User
) -> ActionEvidence:
    evidence = ActionEvidence(
        update=update,
        original_name=filetypes.download_name(getattr(upload, "name", "") or "", checked.type),
        content_type=checked.type.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    evidence.file.save("upload", upload, save=False)  # the name comes from evidence_path
    try:
        evidence.save()
    except Exception:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def action_remove(*, action: Action, by: User) -> None:
    """Remove an action drafted by mistake from a draft plan. An action its agency has
    reported on keeps its record: change it instead."""
    plan = locked(action.recommendation.plan)
    require_draft(plan)
    current = Action.objects.select_related("recommendation").get(pk=action.pk)
    if current.updates.exists():
        raise DomainError(
            f"{current.label} has updates from its agency, so it cannot be removed. Change it "
            "instead."
        )
    label, number, recommendation = current.label, current.number, current.recommendation
    current.delete()
    for later in recommendation.actions.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number", "updated_at"])
    plan.save(update_fields=plan_changed(plan))
    audit(by, "action.removed", plan, plan, action=label)
