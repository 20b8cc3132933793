"""The timeline of key practice episodes by agency: server-rendered SVG, with a text
alternative, and nothing the Content Security Policy would block."""

import datetime as dt
import re

from cspr.chronology.models import Significance
from cspr.chronology.timeline import Span, ticks
from tests.chronology.conftest import chronology_url
from tests.core.test_page_structure import assert_well_formed


def test_the_timeline_draws_the_key_practice_episodes_by_agency(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    key = Significance.KEY_PRACTICE_EPISODE
    entries_for(
        school,
        1,
        occurred_on=dt.date(2025, 3, 4),
        what_happened="Exclusion <meeting>.",
        significance=key,
    )
    entries_for(
        hospital,
        1,
        occurred_on=dt.date(2025, 9, 1),
        occurred_until=dt.date(2025, 9, 20),
        what_happened="Admitted to the ward.",
        significance=key,
    )
    entries_for(school, 1, occurred_on=dt.date(2025, 5, 5), what_happened="Routine contact.")
    response = client_as("business_unit").get(chronology_url(cspr, "timeline"))
    html = response.content.decode()
    assert_well_formed(html)
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S)
    assert svg is not None
    picture = svg.group(0)
    assert 'role="img"' in picture
    assert '<title id="timeline-title">Key practice episodes by agency' in picture
    assert '<desc id="timeline-desc">2 key practice episodes of 2 agencies' in picture
    assert "4 March 2025, Northshire Test SCP School: Exclusion &lt;meeting&gt;." in picture
    assert "1 September 2025 to 20 September 2025, Testshire Hospital" in picture
    assert picture.count("<circle") == 1
    assert picture.count('rx="6"') == 1
    assert "Routine contact." not in html
    assert "<style" not in picture
    assert "style=" not in picture
    table = re.search(r'<div class="govuk-visually-hidden">\s*<table.*?</table>', html, flags=re.S)
    assert table is not None
    assert "Admitted to the ward." in table.group(0)
    assert "4 March 2025" in table.group(0)


def test_without_key_practice_episodes_the_page_says_so(cspr, client_as, school, entries_for):
    entries_for(school, 2)
    html = client_as("business_unit").get(chronology_url(cspr, "timeline")).content.decode()
    assert "<svg" not in html
    assert "No entries you can see are marked as key practice episodes yet." in html


def test_axis_ticks_stay_few() -> None:
    short = ticks(Span(dt.date(2025, 1, 1), dt.date(2025, 7, 1)))
    assert [label for _, label in short] == [
        "Jan 2025",
        "Feb 2025",
        "Mar 2025",
        "Apr 2025",
        "May 2025",
        "Jun 2025",
        "Jul 2025",
    ]
    long = ticks(Span(dt.date(2010, 3, 1), dt.date(2026, 4, 1)))
    assert len(long) <= 12
    assert long[0][1] == "2011"
