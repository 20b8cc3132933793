"""Benchmark of cspr.statutory: 100,000 due dates must take well under a second.

Run from the repository root:

    .venv/bin/python bench/bench_statutory.py

Exits with status 1 if the best run of 100,000 due dates takes more than 1.0 s.
"""

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

# Make the package importable without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cspr.statutory.calendar import (
    WorkingDayCalendar,
    add_working_days,
)
from cspr.statutory.rules import RULES, due_date

CALLS = 100_000
REPEATS = 7
SEED = 20251219
LIMIT_SECONDS = 1.0
FIRST_DAY = date(2018, 1, 1)
LAST_DAY = date(2030, 12, 31)


def _random_days(rng: random.Random) -> list[date]:
    first, last = FIRST_DAY.toordinal(), LAST_DAY.toordinal()
    return [date.fromordinal(rng.randint(first, last)) for _ in range(CALLS)]


def _timings(run: Callable[[], object]) -> list[float]:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return timings


def _report(name: str, timings: list[float]) -> float:
    best = min(timings)
    median = statistics.median(timings)
    per_call = best / CALLS * 1e6
    print(
        f"{name:<32} best {best:.3f} s   median {median:.3f} s   "
        f"{per_call:.2f} microseconds per call (best)"
    )
    return best


def _time_index_build() -> tuple[float, float]:
    started = time.perf_counter()
    add_working_days(FIRST_DAY, 1)  # first use: reads the holidays package and builds the index
    cold = time.perf_counter() - started
    calendar = WorkingDayCalendar()
    started = time.perf_counter()
    calendar.add_working_days(FIRST_DAY, 1)  # holidays already read: index only
    warm = time.perf_counter() - started
    return cold, warm


def main() -> int:
    rng = random.Random(SEED)
    rule_ids = list(RULES)
    due_date_inputs = list(zip(rng.choices(rule_ids, k=CALLS), _random_days(rng), strict=True))
    add_inputs = list(
        zip(_random_days(rng), [rng.randint(0, 30) for _ in range(CALLS)], strict=True)
    )

    cold, warm = _time_index_build()
    print(f"Python {sys.version.split()[0]}; {CALLS:,} calls per run; best of {REPEATS} runs")
    print(f"index build: first use {cold * 1000:.1f} ms, rebuild {warm * 1000:.1f} ms")

    best = _report(
        "due_date (mix of all 11 rules)",
        _timings(lambda: [due_date(rule_id, start) for rule_id, start in due_date_inputs]),
    )
    _report(
        "add_working_days (n in 0..30)",
        _timings(lambda: [add_working_days(start, n) for start, n in add_inputs]),
    )

    if best > LIMIT_SECONDS:
        print(f"FAIL: {CALLS:,} due dates took {best:.3f} s, over the {LIMIT_SECONDS} s limit")
        return 1
    print(f"OK: under the {LIMIT_SECONDS} s limit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
