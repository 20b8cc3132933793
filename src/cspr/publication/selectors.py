"""Reads for publication. Every date comes from ``cspr.clock`` (PRE-PUBLICATION counts back
from the planned date; PUBLISH-LOCAL and PUBLISH-NATIONAL forward from the publication date)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from cspr.clock.selectors import PartnershipClock, partnership_clock
from cspr.partnerships.models import Partnership
from cspr.publication.models import (
    PrepublicationCopy,
    PublicationDelay,
    PublicationPlan,
    PublishedReport,
    Recipient,
)
from cspr.reviews.models import Review, ReviewKind
from cspr.statutory.status import DeadlineStatus, deadline_status

PRE_PUBLICATION = "PRE-PUBLICATION"


def long_date(day: dt.date) -> str:
    """Tuesday 3 March 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def takedown_rule(review: Review) -> str:
    """PUBLISH-NATIONAL (3 years) for a national review, PUBLISH-LOCAL (1 year) otherwise."""
    if review.kind == ReviewKind.NATIONAL_CONTRIBUTION:
        return "PUBLISH-NATIONAL"
    return "PUBLISH-LOCAL"


def clock_of(review: Review) -> PartnershipClock:
    return partnership_clock(partnership=review.case.partnership)


@dataclass(frozen=True)
class CopyRow:
    recipient: Recipient
    copy: PrepublicationCopy | None
    latest: dt.date

    @property
    def on_time(self) -> bool:
        return self.copy is not None and self.copy.sent_on <= self.latest


@dataclass(frozen=True)
class Overview:
    """What the publication page shows, and what stops the decision being recorded."""

    plan: PublicationPlan | None
    latest: dt.date | None
    status: DeadlineStatus | None
    copies: list[CopyRow]
    delays: list[PublicationDelay]
    problems: list[str] = field(default_factory=list)

    @property
    def open_delays(self) -> list[PublicationDelay]:
        return [d for d in self.delays if d.is_open]


def plan_of(review: Review) -> PublicationPlan | None:
    return PublicationPlan.objects.filter(review=review).prefetch_related("copies").first()


def _copy_rows(plan: PublicationPlan, latest: dt.date) -> list[CopyRow]:
    copies = {c.recipient: c for c in plan.copies.all()}
    return [CopyRow(Recipient(r), copies.get(r), latest) for r in Recipient.values]


def _names(rows: list[CopyRow]) -> str:
    labels = [row.recipient.label.replace("The ", "the ", 1) for row in rows]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _problems(
    plan: PublicationPlan | None,
    latest: dt.date | None,
    rows: list[CopyRow],
    delays: list[PublicationDelay],
    today: dt.date,
) -> list[str]:
    if plan is None or latest is None:
        problems = ["Set the planned publication date."]
    else:
        problems = []
        if today < plan.planned_on:
            problems.append(
                f"Publication is recorded on the day it happens, from the planned date, "
                f"{long_date(plan.planned_on)}. To publish sooner, change the planned date."
            )
        missing = [r for r in rows if r.copy is None]
        late = [r for r in rows if r.copy is not None and not r.on_time]
        if (missing or late) and not plan.copies_late_reason.strip():
            if missing:
                problems.append(
                    f"Record the copies sent to {_names(missing)} (PRE-PUBLICATION: by "
                    f"{long_date(latest)}), or record why they were not sent in time."
                )
            if late:
                problems.append(
                    f"The copy to {_names(late)} was sent after {long_date(latest)} "
                    "(PRE-PUBLICATION): record why."
                )
    for delay in delays:
        if delay.is_open:
            problems.append(
                f"Publication is delayed ({delay.get_reason_display().lower()}): end the "
                "delay first (PUBLISH-DELAY)."
            )
    return problems


def overview(review: Review, *, today: dt.date, clock: PartnershipClock | None = None) -> Overview:
    plan = plan_of(review)
    delays = list(PublicationDelay.objects.filter(review=review))
    if plan is None:
        return Overview(None, None, None, [], delays, _problems(None, None, [], delays, today))
    latest = (clock or clock_of(review)).due(PRE_PUBLICATION, plan.planned_on)
    rows = _copy_rows(plan, latest)
    sent = [r.copy.sent_on for r in rows if r.copy is not None]
    completed = max(sent) if len(sent) == len(rows) else None
    status = deadline_status(latest, completed_on=completed, today=today)
    problems = _problems(plan, latest, rows, delays, today)
    return Overview(plan, latest, status, rows, delays, problems)


def publication_problems(review: Review, *, today: dt.date) -> list[str]:
    """What stops publication (or the decision not to publish) being recorded today."""
    return overview(review, today=today).problems


def published_report_of(review: Review) -> PublishedReport | None:
    return PublishedReport.objects.filter(review=review).select_related("deposit").first()


def public_reports(partnership: Partnership) -> QuerySet[PublishedReport]:
    """The partnership's reports (and improvements information) still publicly available."""
    return (
        PublishedReport.objects.filter(
            review__case__partnership=partnership, taken_down_on__isnull=True
        )
        .select_related("review")
        .order_by("-published_on", "-pk")
    )


def public_report(partnership: Partnership, report_id: int) -> PublishedReport | None:
    return public_reports(partnership).filter(pk=report_id).first()


def delay_reminders_due(on: dt.date) -> QuerySet[PublicationDelay]:
    """Open delays whose date to look at them again has come, not yet reminded. A day the
    reminders did not run is caught up the next time they do."""
    return PublicationDelay.objects.filter(
        ended_on__isnull=True, reminded_on__isnull=True, review_on__lte=on
    ).select_related("review__case__partnership")
