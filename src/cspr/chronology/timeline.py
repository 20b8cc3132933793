"""A picture of the key practice episodes: one lane per agency on a horizontal time axis, drawn
as inline SVG on the server (no script, no style attributes: presentation attributes only, so
it passes the Content Security Policy). The page gives the same episodes as a table for people
who cannot see the picture; the SVG names itself with ``<title>`` and ``<desc>``."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from cspr.chronology.models import ChronologyEntry

WIDTH = 960
LABEL_WIDTH = 210
RIGHT_MARGIN = 36
TOP = 16
LANE_HEIGHT = 44
AXIS_HEIGHT = 44
MAX_TICKS = 12
TEXT = "#0b0c0c"
MARK = "#1d70b8"
RULE = "#b1b4b6"
STRIPE = "#f3f2f1"
FONT = "Arial, sans-serif"


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return max((self.end - self.start).days, 1)

    def x(self, day: dt.date) -> float:
        plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
        return round(LABEL_WIDTH + (day - self.start).days / self.days * plot, 1)


def span_of(entries: Sequence[ChronologyEntry]) -> Span:
    first = min(e.occurred_on for e in entries)
    last = max(e.occurred_until or e.occurred_on for e in entries)
    start = first.replace(day=1)
    end = _add_months(last.replace(day=1), 1)
    return Span(start, end)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def ticks(span: Span) -> list[tuple[dt.date, str]]:
    """First days of months along the axis, at most ``MAX_TICKS``; years only when the span
    is long."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month
    step = max(1, -(-months // MAX_TICKS))
    if step > 6:
        step = 12 * max(1, -(-months // (12 * MAX_TICKS)))
        first = dt.date(span.start.year + (span.start.month > 1), 1, 1)
    else:
        first = span.start
    result = []
    day = first
    while day <= span.end:
        result.append((day, f"{day:%Y}" if step >= 12 else f"{day:%b %Y}"))
        day = _add_months(day, step)
    return result


def when(entry: ChronologyEntry) -> str:
    text = _long_date(entry.occurred_on)
    if entry.occurred_until and entry.occurred_until != entry.occurred_on:
        text += f" to {_long_date(entry.occurred_until)}"
    return text


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def timeline_svg(entries: Sequence[ChronologyEntry], *, title: str) -> SafeString:
    """The key practice episodes (``entries``, with their agencies loaded) by agency."""
    if not entries:
        return SafeString("")
    lanes: dict[str, list[ChronologyEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.agency.name, e.occurred_on)):
        lanes.setdefault(entry.agency.name, []).append(entry)
    span = span_of(entries)
    height = TOP + LANE_HEIGHT * len(lanes) + AXIS_HEIGHT
    description = (
        f"{len(entries)} key practice episode{'s' if len(entries) != 1 else ''} of "
        f"{len(lanes)} agenc{'ies' if len(lanes) != 1 else 'y'}, from {span.start:%B %Y} to "
        f"{span.end:%B %Y}. The table below lists the same episodes."
    )
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-labelledby="timeline-title timeline-desc" focusable="false" '
            'font-family="{}" font-size="14" fill="{}">'
            '<title id="timeline-title">{}</title><desc id="timeline-desc">{}</desc>',
            WIDTH,
            height,
            FONT,
            TEXT,
            title,
            description,
        )
    ]
    for index, (agency, lane) in enumerate(lanes.items()):
        parts.append(_lane(index, agency, lane, span))
    parts.append(_axis(span, TOP + LANE_HEIGHT * len(lanes)))
    parts.append(SafeString("</svg>"))
    return SafeString("".join(parts))


def _lane(index: int, agency: str, lane: list[ChronologyEntry], span: Span) -> SafeString:
    top = TOP + index * LANE_HEIGHT
    middle = top + LANE_HEIGHT / 2
    head = format_html(
        '<g><rect x="0" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="8" y="{}" dominant-baseline="middle"><title>{}</title>{}</text>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
        top,
        WIDTH,
        LANE_HEIGHT,
        STRIPE if index % 2 == 0 else "#ffffff",
        middle,
        agency,
        _short(agency, 26),
        LABEL_WIDTH,
        middle,
        WIDTH - RIGHT_MARGIN,
        middle,
        RULE,
    )
    marks = format_html_join("", "{}", ((_mark(entry, span, middle),) for entry in lane))
    return SafeString(head + marks + "</g>")


def _mark(entry: ChronologyEntry, span: Span, middle: float) -> SafeString:
    label = f"{when(entry)}, {entry.agency.name}: {_short(entry.what_happened, 160)}"
    start = span.x(entry.occurred_on)
    if entry.occurred_until and entry.occurred_until > entry.occurred_on:
        width = max(span.x(entry.occurred_until) - start, 4)
        shape = format_html(
            '<rect x="{}" y="{}" width="{}" height="12" rx="6" fill="{}" fill-opacity="0.6" '
            'stroke="{}"/>',
            start,
            middle - 6,
            round(width, 1),
            MARK,
            MARK,
        )
    else:
        shape = format_html(
            '<circle cx="{}" cy="{}" r="7" fill="{}" stroke="#ffffff" stroke-width="2"/>',
            start,
            middle,
            MARK,
        )
    return format_html("<g><title>{}</title>{}</g>", label, shape)


def _axis(span: Span, top: int) -> SafeString:
    line = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
        LABEL_WIDTH,
        top + 4,
        WIDTH - RIGHT_MARGIN,
        top + 4,
        TEXT,
    )
    marks = format_html_join(
        "",
        '<line x1="{0}" y1="{6}" x2="{0}" y2="{1}" stroke="{7}" stroke-dasharray="2 4"/>'
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>'
        '<text x="{0}" y="{4}" text-anchor="middle" font-size="12">{5}</text>',
        (
            (span.x(day), top + 4, top + 10, TEXT, top + 28, label, TOP, RULE)
            for day, label in ticks(span)
        ),
    )
    return SafeString(line + marks)
