"""Which notifications the answers call for (DEF-SERIOUS, NOTIFY-PANEL, NOTIFY-LAC-DEATH,
NOTIFY-CARE-LEAVER-DEATH)."""

import datetime as dt

import pytest

from cspr.cases.criteria import Answers, age_at, notifications_called_for, rapid_review_called_for
from cspr.cases.models import (
    AbuseOrNeglect,
    ChildStatus,
    IncidentKind,
    IncidentLocation,
    NotificationKind,
)

PANEL = NotificationKind.PANEL
LAC = NotificationKind.LOOKED_AFTER_DEATH
LEAVER = NotificationKind.CARE_LEAVER_DEATH


def answers(**overrides: object) -> Answers:
    values: dict[str, object] = {
        "incident_kind": IncidentKind.SERIOUS_HARM,
        "abuse_or_neglect": AbuseOrNeglect.SUSPECTED,
        "location": IncidentLocation.IN_AREA,
        "child_statuses": (),
        "age_at_incident": 3,
        **overrides,
    }
    return Answers(**values)  # type: ignore[arg-type]


def kinds(a: Answers) -> list[NotificationKind]:
    return [call.kind for call in notifications_called_for(a)]


@pytest.mark.parametrize("abuse", [AbuseOrNeglect.KNOWN, AbuseOrNeglect.SUSPECTED])
@pytest.mark.parametrize("kind", list(IncidentKind))
def test_death_or_serious_harm_with_abuse_known_or_suspected_calls_for_the_panel(
    abuse: str, kind: str
) -> None:
    """DEF-SERIOUS: abuse or neglect known or suspected, and the child died or was seriously
    harmed, in the area."""
    assert kinds(answers(abuse_or_neglect=abuse, incident_kind=kind)) == [PANEL]


def test_without_abuse_or_neglect_known_or_suspected_nothing_is_called_for() -> None:
    assert kinds(answers(abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED)) == []


def test_outside_england_while_normally_resident_still_calls_for_the_panel() -> None:
    assert kinds(answers(location=IncidentLocation.OUTSIDE_ENGLAND)) == [PANEL]


def test_elsewhere_in_england_is_another_areas_notification() -> None:
    assert kinds(answers(location=IncidentLocation.ELSEWHERE_IN_ENGLAND)) == []


def test_a_looked_after_childs_death_is_notified_whether_or_not_abuse_is_suspected() -> None:
    """NOTIFY-LAC-DEATH, without the Panel when abuse is not suspected."""
    calls = kinds(
        answers(
            incident_kind=IncidentKind.DEATH,
            abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED,
            child_statuses=(ChildStatus.LOOKED_AFTER,),
        )
    )
    assert calls == [LAC]


def test_a_looked_after_childs_death_with_abuse_suspected_calls_for_both() -> None:
    calls = kinds(
        answers(incident_kind=IncidentKind.DEATH, child_statuses=(ChildStatus.LOOKED_AFTER,))
    )
    assert calls == [PANEL, LAC]


def test_serious_harm_to_a_looked_after_child_is_not_a_death_notification() -> None:
    assert kinds(answers(child_statuses=(ChildStatus.LOOKED_AFTER,))) == [PANEL]


@pytest.mark.parametrize(("age", "called"), [(18, True), (24, True), (25, False), (None, True)])
def test_a_care_leavers_death_is_notified_up_to_age_24(age: int | None, called: bool) -> None:
    """NOTIFY-CARE-LEAVER-DEATH: a care leaver aged 24 or under; unknown age is flagged."""
    a = answers(
        incident_kind=IncidentKind.DEATH,
        abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED,
        child_statuses=(ChildStatus.CARE_LEAVER,),
        age_at_incident=age,
    )
    assert (LEAVER in kinds(a)) is called
    if age is None:
        assert "not recorded" in notifications_called_for(a)[0].reason


def test_only_a_panel_notification_leads_to_a_rapid_review() -> None:
    lac_only = answers(
        incident_kind=IncidentKind.DEATH,
        abuse_or_neglect=AbuseOrNeglect.NOT_SUSPECTED,
        child_statuses=(ChildStatus.LOOKED_AFTER,),
    )
    assert not rapid_review_called_for(lac_only)
    assert rapid_review_called_for(answers())


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (dt.date(2002, 3, 1), dt.date(2026, 2, 28), 23),
        (dt.date(2002, 3, 1), dt.date(2026, 3, 1), 24),
        (dt.date(2004, 2, 29), dt.date(2026, 2, 28), 21),
    ],
)
def test_age_at_the_incident_counts_birthdays(born: dt.date, on: dt.date, age: int) -> None:
    assert age_at(born, None, on) == age
