"""Which notifications a referral's answers call for (DEF-SERIOUS, NOTIFY-PANEL,
NOTIFY-LAC-DEATH, NOTIFY-CARE-LEAVER-DEATH; SOURCES.md §4.1).

The product shows what the answers call for; the business unit records the decision and its
reason. Serious harm is a judgement, not a list: nothing here decides it.
"""

import datetime as dt
from dataclasses import dataclass

from cspr.cases.models import (
    AbuseOrNeglect,
    ChildStatus,
    IncidentKind,
    IncidentLocation,
    NotificationKind,
)

CARE_LEAVER_MAX_AGE = 24  # NOTIFY-CARE-LEAVER-DEATH: a care leaver aged 24 or under


@dataclass(frozen=True)
class Answers:
    incident_kind: str
    abuse_or_neglect: str
    location: str
    child_statuses: tuple[str, ...]
    age_at_incident: int | None


@dataclass(frozen=True)
class Call:
    """One notification the answers call for, and why."""

    kind: NotificationKind
    reason: str


def age_at(date_of_birth: dt.date | None, age_years: int | None, on: dt.date) -> int | None:
    if date_of_birth is not None:
        before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
        return on.year - date_of_birth.year - int(before_birthday)
    return age_years


def notifications_called_for(answers: Answers) -> list[Call]:
    calls: list[Call] = []
    died = answers.incident_kind in {IncidentKind.DEATH, IncidentKind.SUSPECTED_SUICIDE}
    abuse = answers.abuse_or_neglect in {AbuseOrNeglect.KNOWN, AbuseOrNeglect.SUSPECTED}
    in_scope = answers.location in {IncidentLocation.IN_AREA, IncidentLocation.OUTSIDE_ENGLAND}
    if abuse and in_scope:
        harm = "died" if died else "was seriously harmed"
        calls.append(
            Call(
                NotificationKind.PANEL,
                f"Abuse or neglect is {answers.abuse_or_neglect.replace('_', ' ')} and the child "
                f"{harm} (DEF-SERIOUS).",
            )
        )
    if died and ChildStatus.LOOKED_AFTER in answers.child_statuses:
        calls.append(
            Call(
                NotificationKind.LOOKED_AFTER_DEATH,
                "A looked-after child died: the Secretary of State and Ofsted are told whether "
                "or not abuse or neglect is suspected (NOTIFY-LAC-DEATH).",
            )
        )
    if died and ChildStatus.CARE_LEAVER in answers.child_statuses:
        age = answers.age_at_incident
        if age is None or age <= CARE_LEAVER_MAX_AGE:
            unknown = (
                " Their age is not recorded: check they were 24 or under." if age is None else ""
            )
            calls.append(
                Call(
                    NotificationKind.CARE_LEAVER_DEATH,
                    "A care leaver aged 24 or under died (NOTIFY-CARE-LEAVER-DEATH)." + unknown,
                )
            )
    return calls


def rapid_review_called_for(answers: Answers) -> bool:
    """A Rapid Review follows a serious incident notification to the Panel (RAPID-REVIEW); a
    looked-after child's or care leaver's death alone does not call for one."""
    return any(call.kind == NotificationKind.PANEL for call in notifications_called_for(answers))
