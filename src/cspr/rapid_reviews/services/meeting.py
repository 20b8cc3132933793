"""The Rapid Review meeting and its recommendation (RR-PURPOSE, CRIT-LOCAL, CRIT-NATIONAL,
OUTCOME), and immediate safeguarding actions."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError, StaleEdit
from cspr.partnerships.models import Agency
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.criteria import ALL_CRITERIA
from cspr.rapid_reviews.models import ImmediateAction, RapidReview
from cspr.rapid_reviews.services._common import bump, locked
from cspr.rapid_reviews.workflow import ReturnState

MEETING_FIELDS = (
    "meeting_date",
    "attendees",
    "facts",
    "immediate_action",
    "improvements",
    "next_steps",
    "learning_identified",
    "recommended_outcome",
    "rationale",
    "missing_returns_reason",
)


def returns_outstanding(rapid_review: RapidReview) -> list[str]:
    """Names of invited agencies whose scoping return is not submitted."""
    return [
        invitation.agency.name
        for invitation in rapid_review.invitations.select_related("agency", "scoping_return")
        if invitation.scoping_return.state != ReturnState.SUBMITTED
    ]


@transaction.atomic
def meeting_record(
    *,
    rapid_review: RapidReview,
    by: User,
    values: dict[str, Any],
    criteria: dict[str, dict[str, Any]],
    expected_version: int,
) -> RapidReview:
    """Record the meeting, the four RR-PURPOSE sections, the criteria checklists and the
    recommended outcome with its rationale. Deciding before every scoping return is in needs
    the business unit's reason."""
    rapid_review = locked(rapid_review)
    if rapid_review.version != expected_version:
        raise StaleEdit(
            "Someone else saved this Rapid Review after you opened it. Your changes "
            "have not been saved: check the latest version and try again."
        )
    workflow.review_next(rapid_review.state, "record_meeting")
    unknown = set(criteria) - set(ALL_CRITERIA)
    if unknown:
        raise DomainError(f"Unknown criteria: {', '.join(sorted(unknown))}.")
    meeting_date: dt.date | None = values.get("meeting_date")
    if meeting_date is None:
        raise DomainError("Enter the date of the meeting", field="meeting_date")
    if meeting_date > timezone.localdate():
        raise DomainError(
            "The date of the meeting must be today or in the past", field="meeting_date"
        )
    if not values.get("recommended_outcome"):
        raise DomainError("Select the recommended outcome", field="recommended_outcome")
    if not (values.get("rationale") or "").strip():
        raise DomainError(
            "Enter the rationale for the recommendation: every outcome needs one", field="rationale"
        )
    outstanding = returns_outstanding(rapid_review)
    if not rapid_review.invitations.exists():
        raise DomainError("Invite at least one agency for its scoping return first.")
    if outstanding and not (values.get("missing_returns_reason") or "").strip():
        raise DomainError(
            "Scoping returns are still missing from "
            + ", ".join(outstanding)
            + ". Wait for them, or enter why the group is deciding without them.",
            field="missing_returns_reason",
        )
    changed = sorted(k for k in MEETING_FIELDS if getattr(rapid_review, k) != values.get(k))
    for name in MEETING_FIELDS:
        setattr(rapid_review, name, values.get(name) or ("" if name != "meeting_date" else None))
    rapid_review.criteria = criteria
    rapid_review.state = workflow.review_next(rapid_review.state, "record_meeting")
    bump(rapid_review, *MEETING_FIELDS, "criteria", "state")
    audit_record(
        by=by,
        verb="rapid_review.recommendation_recorded",
        obj=rapid_review,
        partnership_id=rapid_review.case.partnership_id,
        data={"fields": changed},
    )
    return rapid_review


@transaction.atomic
def immediate_action_add(
    *,
    rapid_review: RapidReview,
    by: User,
    action: str,
    owner_agency: Agency,
    owner_name: str,
    due_on: dt.date | None,
) -> ImmediateAction:
    rapid_review = locked(rapid_review)
    if owner_agency.partnership_id != rapid_review.case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="owner_agency")
    item = ImmediateAction.objects.create(
        rapid_review=rapid_review,
        action=action.strip(),
        owner_agency=owner_agency,
        owner_name=owner_name.strip(),
        due_on=due_on,
    )
    audit_record(
        by=by,
        verb="immediate_action.added",
        obj=item,
        partnership_id=rapid_review.case.partnership_id,
    )
    return item
