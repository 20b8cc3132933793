"""Benchmark of the multi-agency chronology with 20,000 entries in one case.

Run from the repository root:

    .venv/bin/python bench/bench_chronology.py

It migrates an in-memory SQLite database (``cspr.settings.test``), makes a partnership with
eight agencies, a case and its review, bulk-creates 20,000 entries (2,000 of them key practice
episodes, some duplicated across agencies), then times with ``time.perf_counter``: the first and
last page of the merged chronology, a page filtered by person, the timeline, the Excel export of
all 20,000 entries and the PDF export (capped at ``PDF_ROW_LIMIT`` rows). It prints each
figure with the number of queries. It asserts nothing about time; the tests assert query
counts.
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["DJANGO_SETTINGS_MODULE"] = "cspr.settings.test"
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from cspr.accounts.models import User  # noqa: E402
from cspr.cases.models import Case  # noqa: E402
from cspr.chronology.duplicates import match_key  # noqa: E402
from cspr.chronology.exports import PDF_ROW_LIMIT  # noqa: E402
from cspr.chronology.models import ChronologyEntry, Significance  # noqa: E402
from cspr.partnerships.models import Agency, AgencyKind, Membership, Partnership, Role  # noqa: E402
from cspr.reviews.models import Review  # noqa: E402

ENTRIES = 20_000
AGENCIES = 8
REPEATS = 5
SEED = 20260302
PEOPLE = ["Child R", "Ms Testparent", "Mr Testpartner", "Sibling A", "Grandmother"]


def _world() -> tuple[User, Review]:
    user = User.objects.create(email="bench@example.org", full_name="Bench")
    partnership = Partnership.objects.create(
        name="Benchshire SCP", slug="benchshire", reference_prefix="BEN"
    )
    Membership.objects.create(user=user, partnership=partnership, role=Role.BUSINESS_UNIT)
    agencies = [
        Agency(partnership=partnership, name=f"Agency {n}", kind=AgencyKind.OTHER)
        for n in range(AGENCIES)
    ]
    Agency.objects.bulk_create(agencies)
    case = Case.objects.create(
        partnership=partnership,
        reference="BEN-2026-001",
        pseudonym="Child R",
        state="under_review",
        referred_by=user,
        incident_date=dt.date(2026, 1, 10),
        la_aware_date=dt.date(2026, 1, 11),
        incident_kind="serious_harm",
        abuse_or_neglect="suspected",
        location="in_area",
        police_investigation="yes",
        case_outline="Bench.",
    )
    review = Review.objects.create(
        case=case,
        kind="local_cspr",
        decided_on=dt.date(2026, 2, 1),
        opened_by=user,
        methodology="systems",
    )
    return user, review


def _entries(user: User, review: Review) -> None:
    rng = random.Random(SEED)
    agencies = list(Agency.objects.filter(partnership=review.case.partnership))
    start = dt.date(2016, 1, 1)
    rows = []
    for n in range(ENTRIES):
        day = start + dt.timedelta(days=rng.randrange(3650))
        text = (
            f"Home visit {n % 4000}: {rng.choice(PEOPLE)} seen; concerns about supervision "
            f"and school attendance discussed at length with the family."
        )
        rows.append(
            ChronologyEntry(
                review=review,
                agency=agencies[n % AGENCIES],
                occurred_on=day,
                source="Case record",
                people_involved=", ".join(rng.sample(PEOPLE, 2)),
                what_happened=text,
                what_was_done="Recorded and discussed in supervision.",
                significance=Significance.KEY_PRACTICE_EPISODE
                if n % 10 == 0
                else Significance.ROUTINE,
                match_key=match_key(text),
                added_by=user,
            )
        )
    ChronologyEntry.objects.bulk_create(rows, batch_size=1000)


def _measure(name: str, run: Callable[[], object], repeats: int = REPEATS) -> None:
    """Wall-clock time (``time.perf_counter``) and, as a check on a busy machine, the CPU
    time of this process (``time.process_time``)."""
    timings = []
    cpu = []
    queries = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = run()
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        queries = len(captured)
    size = len(getattr(result, "content", b""))
    print(
        f"{name:<40} best {min(timings) * 1000:7.0f} ms  median "
        f"{statistics.median(timings) * 1000:7.0f} ms  CPU {min(cpu) * 1000:7.0f} ms  "
        f"{queries:2d} queries  {size:>9,} bytes"
    )


def _filter(client: Client, url: str, **filters: str) -> None:
    data = {"agency": "", "date_from": "", "date_to": "", "person": "", "significance": ""}
    data.update({"sort": "date", **filters})
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code


def main() -> int:
    call_command("migrate", verbosity=0)
    user, review = _world()
    started = time.perf_counter()
    _entries(user, review)
    made = time.perf_counter() - started
    print(f"Python {sys.version.split()[0]}, SQLite {connection.Database.sqlite_version}")
    print(f"{ENTRIES:,} entries made with bulk_create in {made:.2f} s; best of {REPEATS} runs")
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

    client = Client()
    client.force_login(user)
    kwargs = {"partnership_slug": "benchshire", "reference": review.case.reference}

    def url(name: str) -> str:
        return reverse(f"chronology:{name}", kwargs=kwargs)

    _measure("first page (50 of 20,000, date order)", lambda: client.get(url("list")))
    last = (ENTRIES + 49) // 50
    _measure(f"last page ({last})", lambda: client.get(f"{url('list')}?page={last}"))
    _filter(client, url("list"), sort="agency")
    _measure("first page, ordered by agency", lambda: client.get(url("list")))
    _filter(client, url("list"), person="grandmother")
    _measure("first page, filtered by person", lambda: client.get(url("list")))
    _filter(client, url("list"))
    _measure("timeline (key practice episodes)", lambda: client.get(url("timeline")))
    _measure("Excel export of all 20,000 entries", lambda: client.get(url("export-xlsx")), 3)
    _measure(
        f"PDF export (first {PDF_ROW_LIMIT:,} entries)",
        lambda: client.get(url("export-pdf")),
        1,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
