"""Precision and recall of theme suggestions against a labelled set of published summaries.

Run from the repository root:

    .venv/bin/python bench/bench_themes.py

It reads ``bench/data/theme_labels.jsonl`` (one published learning summary a line, with the
themes a person gave it), builds the themes from the seed vocabulary in
``cspr.learning.vocabulary`` exactly as migration 0002 does (no database is used), runs
``cspr.learning.suggestions.suggest_themes`` on each text and compares the suggested themes
with the labels. It prints micro and macro precision and recall, per facet and per theme, for
the development half, the held-out half and both, and writes the same to
``bench/results/themes.md``. It asserts nothing: the tests of the matcher are in
``tests/learning``.

Micro figures count every (summary, theme) pair. Macro precision averages over the themes
suggested at least once, macro recall over the themes labelled at least once.
"""

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["DJANGO_SETTINGS_MODULE"] = "cspr.settings.test"
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django  # noqa: E402

django.setup()

from cspr.learning.models import Facet, Theme  # noqa: E402
from cspr.learning.suggestions import suggest_themes  # noqa: E402
from cspr.learning.vocabulary import SEED  # noqa: E402

LABELS = ROOT / "bench" / "data" / "theme_labels.jsonl"
RESULTS = ROOT / "bench" / "results" / "themes.md"
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Item:
    id: str
    split: str
    url: str
    labels: frozenset[str]
    text: str


@dataclass
class Tally:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    # (item id, theme slug, reasons) of each wrong suggestion, to read when tuning.
    wrong: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)


def seed_themes() -> list[Theme]:
    """The themes migration 0002 creates, unsaved."""
    positions: Counter[str] = Counter()
    themes = []
    for seed in SEED:
        positions[seed.facet] += 1
        themes.append(
            Theme(
                facet=seed.facet,
                slug=seed.slug,
                name=seed.name,
                cues="\n".join(seed.cues),
                position=positions[seed.facet],
            )
        )
    return themes


def load_items() -> list[Item]:
    items = []
    with LABELS.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                items.append(
                    Item(
                        id=row["id"],
                        split=row["split"],
                        url=row["url"],
                        labels=frozenset(row["labels"]),
                        text=row["text"],
                    )
                )
    return items


def evaluate(items: Iterable[Item], themes: list[Theme]) -> Tally:
    tally = Tally()
    for item in items:
        suggested = {s.theme.slug: s.reasons for s in suggest_themes(item.text, themes)}
        for slug, reasons in suggested.items():
            if slug in item.labels:
                tally.true_positive[slug] += 1
            else:
                tally.false_positive[slug] += 1
                tally.wrong.append((item.id, slug, reasons))
        for slug in item.labels - suggested.keys():
            tally.false_negative[slug] += 1
            tally.missed.append((item.id, slug))
    return tally


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return None if precision is None or recall is None else 0.0
    return 2 * precision * recall / (precision + recall)


def summary(tally: Tally, slugs: Iterable[str]) -> tuple[float | None, ...]:
    wanted = set(slugs)
    tp = sum(n for s, n in tally.true_positive.items() if s in wanted)
    fp = sum(n for s, n in tally.false_positive.items() if s in wanted)
    fn = sum(n for s, n in tally.false_negative.items() if s in wanted)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return precision, recall, f1(precision, recall)


def macro(tally: Tally, slugs: Iterable[str]) -> tuple[float | None, float | None]:
    precisions, recalls = [], []
    for slug in slugs:
        tp = tally.true_positive[slug]
        suggested = tp + tally.false_positive[slug]
        labelled = tp + tally.false_negative[slug]
        if suggested:
            precisions.append(tp / suggested)
        if labelled:
            recalls.append(tp / labelled)
    return (
        sum(precisions) / len(precisions) if precisions else None,
        sum(recalls) / len(recalls) if recalls else None,
    )


def report(items: list[Item], themes: list[Theme]) -> str:
    slugs = [t.slug for t in themes]
    by_split = {split: [i for i in items if i.split == split] for split in SPLITS}
    tallies = {split: evaluate(rows, themes) for split, rows in by_split.items()}
    tallies["all"] = evaluate(items, themes)
    counts = {**{s: len(r) for s, r in by_split.items()}, "all": len(items)}
    lines = [
        "# Theme suggestions: precision and recall",
        "",
        "Written by `bench/bench_themes.py`; do not edit by hand. How the set was built and what",
        "the figures mean: `bench/README.md`.",
        "",
        f"{len(items)} published learning summaries, {sum(len(i.labels) for i in items)} labels, "
        f"{len(themes)} themes of the seed vocabulary.",
        "",
        "## Overall",
        "",
        "| set | summaries | micro precision | micro recall | micro F1 | macro precision "
        "| macro recall |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in (*SPLITS, "all"):
        precision, recall, score = summary(tallies[name], slugs)
        macro_p, macro_r = macro(tallies[name], slugs)
        label = {"dev": "development (cues tuned on it)", "test": "held out", "all": "all"}[name]
        lines.append(
            f"| {label} | {counts[name]} | {pct(precision)} | {pct(recall)} | {pct(score)} "
            f"| {pct(macro_p)} | {pct(macro_r)} |"
        )
    lines += ["", "## By facet (micro)", "", "| facet | set | precision | recall | F1 |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for facet in Facet:
        facet_slugs = [t.slug for t in themes if t.facet == facet.value]
        for name in (*SPLITS, "all"):
            precision, recall, score = summary(tallies[name], facet_slugs)
            lines.append(
                f"| {facet.label} | {name} | {pct(precision)} | {pct(recall)} | {pct(score)} |"
            )
    lines += [
        "",
        "## By theme (both halves together)",
        "",
        "| theme | labelled | suggested | right | precision | recall |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    everything = tallies["all"]
    for theme in themes:
        tp = everything.true_positive[theme.slug]
        suggested = tp + everything.false_positive[theme.slug]
        labelled = tp + everything.false_negative[theme.slug]
        lines.append(
            f"| {theme.name} | {labelled} | {suggested} | {tp} "
            f"| {pct(ratio(tp, suggested))} | {pct(ratio(tp, labelled))} |"
        )
    # Only the development half's mistakes are listed: reading the held-out half's would make it
    # a second development half.
    dev = tallies["dev"]
    lines += ["", "## Wrong suggestions (development half only)", ""]
    lines += [f"- `{item}`: {slug} (because of: {', '.join(r)})" for item, slug, r in dev.wrong]
    lines += ["", "## Missed labels (development half only)", ""]
    lines += [f"- `{item}`: {slug}" for item, slug in dev.missed]
    return "\n".join(lines) + "\n"


def main() -> int:
    items = load_items()
    themes = seed_themes()
    text = report(items, themes)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    overall = text.split("## By facet")[0].split("## Overall")[1]
    print(overall.strip())
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
