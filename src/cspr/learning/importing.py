"""Reading a JSON Lines file of reviews and learning summaries for the library
(``manage.py import_learning``): one JSON object a line with ``title``, ``partnership``,
``year``, ``review_type`` and ``summary``, and optionally ``text``, ``url``, ``themes``,
``key_learning`` and ``age_group``.

Every line is checked before anything is written, and every problem is reported with its line
number: the import is all or nothing (:func:`cspr.learning.services.imports.library_import`)."""

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from cspr.learning.extraction import clean_text
from cspr.learning.fingerprints import fingerprint_of
from cspr.learning.models import AgeGroup, LearningItem, ReviewType, Theme

FIELDS = {
    "title",
    "partnership",
    "year",
    "review_type",
    "summary",
    "text",
    "url",
    "themes",
    "key_learning",
    "age_group",
}
REQUIRED = ("title", "partnership", "year", "review_type", "summary")
EARLIEST_YEAR = 1990  # serious case reviews began in 1991; nothing in the library is older
MAX_TITLE = 300
MAX_SOURCE = 200
MAX_URL = 500

_DASHES = re.compile(r"[\u2010-\u2015\-]+")
_REVIEW_TYPE_ALIASES = {
    "lcspr": ReviewType.CSPR,
    "local cspr": ReviewType.CSPR,
    "local child safeguarding practice review": ReviewType.CSPR,
    "scr": ReviewType.SCR,
    "llr": ReviewType.LOCAL_LEARNING_REVIEW,
    "learning review": ReviewType.LOCAL_LEARNING_REVIEW,
    "national": ReviewType.NATIONAL_REVIEW,
    "national child safeguarding practice review": ReviewType.NATIONAL_REVIEW,
    "rapid review": ReviewType.RAPID_REVIEW_LEARNING,
    "rapid review learning": ReviewType.RAPID_REVIEW_LEARNING,
    "other": ReviewType.OTHER_LEARNING,
    "learning summary": ReviewType.OTHER_LEARNING,
    "other learning": ReviewType.OTHER_LEARNING,
}
_AGE_ALIASES = {
    "under 1 year": AgeGroup.UNDER_1,
    "infant": AgeGroup.UNDER_1,
    "0": AgeGroup.UNDER_1,
    "1 4": AgeGroup.AGE_1_4,
    "5 10": AgeGroup.AGE_5_10,
    "11 15": AgeGroup.AGE_11_15,
    "16 17": AgeGroup.AGE_16_17,
    "16 to 17": AgeGroup.AGE_16_17,
    "not known": AgeGroup.UNKNOWN,
    "": AgeGroup.UNKNOWN,
}


def _key(value: str) -> str:
    """Case, dashes, underscores and spacing do not matter when matching a name."""
    return " ".join(_DASHES.sub(" ", value.replace("_", " ")).casefold().split())


def _lookup(choices: Any, aliases: dict[str, Any]) -> dict[str, str]:
    table = {_key(str(alias)): str(value) for alias, value in aliases.items()}
    for value, label in choices.choices:
        table[_key(value)] = value
        table[_key(str(label))] = value
    return table


REVIEW_TYPES = _lookup(ReviewType, _REVIEW_TYPE_ALIASES)
AGE_GROUPS = _lookup(AgeGroup, _AGE_ALIASES)


@dataclass(frozen=True)
class ImportRow:
    line: int
    title: str
    source_name: str
    year: int
    review_type: str
    summary: str
    key_learning: str
    text: str
    url: str
    age_group: str
    theme_ids: tuple[int, ...]
    fingerprint: str


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _LineErrors(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _text(data: dict[str, Any], name: str, problems: list[str], *, limit: int = 0) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name} must be text")
        return ""
    value = value.strip()
    if limit and len(value) > limit:
        problems.append(f"{name} must be {limit} characters or fewer")
    return value


def _year(value: Any, problems: list[str], this_year: int) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"year must be a year such as 2024, not {json.dumps(value)}")
        return 0
    if not EARLIEST_YEAR <= value <= this_year:
        problems.append(f"year must be between {EARLIEST_YEAR} and {this_year}, not {value}")
        return 0
    return value


def _themes(value: Any, problems: list[str], vocabulary: dict[str, Theme]) -> tuple[int, ...]:
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        problems.append("themes must be a list of theme names or slugs")
        return ()
    ids: list[int] = []
    unknown: list[str] = []
    for name in names:
        if not name.strip():
            continue
        theme = vocabulary.get(_key(name))
        if theme is None:
            unknown.append(name)
        elif theme.pk not in ids:
            ids.append(theme.pk)
    if unknown:
        listed = ", ".join(json.dumps(name) for name in unknown)
        problems.append(
            f"unknown theme{'s' if len(unknown) > 1 else ''} {listed} (use the slug or name of "
            "a theme in use)"
        )
    return tuple(ids)


def _row(
    number: int, raw: str, vocabulary: dict[str, Theme], this_year: int, warnings: list[str]
) -> ImportRow:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _LineErrors([f"not valid JSON ({error.msg} at column {error.colno})"]) from error
    if not isinstance(data, dict):
        raise _LineErrors(["must be one JSON object, {...}"])
    problems: list[str] = [f"{name} is missing" for name in REQUIRED if _blank(data.get(name))]
    extra = sorted(set(data) - FIELDS)
    if extra:
        warnings.append(f"line {number}: ignored unknown field(s) {', '.join(extra)}")
    title = _text(data, "title", problems, limit=MAX_TITLE)
    source = _text(data, "partnership", problems, limit=MAX_SOURCE)
    summary = _text(data, "summary", problems)
    year = 0 if _blank(data.get("year")) else _year(data["year"], problems, this_year)
    review_type = ""
    if not _blank(data.get("review_type")):
        given = data["review_type"]
        review_type = REVIEW_TYPES.get(_key(given), "") if isinstance(given, str) else ""
        if not review_type:
            allowed = ", ".join(ReviewType.values)
            problems.append(f"unknown review_type {json.dumps(given)} (use one of {allowed})")
    age_given = data.get("age_group", "")
    age_group = AGE_GROUPS.get(_key(str(age_given)), "") if age_given is not None else "unknown"
    if not age_group:
        problems.append(
            f"unknown age_group {json.dumps(age_given)} (use one of {', '.join(AgeGroup.values)})"
        )
    url = _text(data, "url", problems, limit=MAX_URL)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(f"url {json.dumps(url)} is not a web address (http:// or https://)")
    theme_ids = _themes(data.get("themes"), problems, vocabulary)
    key_learning = _text(data, "key_learning", problems)
    text = _text(data, "text", problems)
    if problems:
        raise _LineErrors(problems)
    return ImportRow(
        line=number,
        title=title,
        source_name=source,
        year=year,
        review_type=review_type,
        summary=clean_text(summary),
        key_learning=clean_text(key_learning),
        text=clean_text(text),
        url=url,
        age_group=age_group,
        theme_ids=theme_ids,
        fingerprint=fingerprint_of(title=title, source=source, year=year),
    )


def read_jsonl(lines: Iterable[str], *, today: dt.date | None = None) -> ImportReport:
    """Check every line; the report holds the good rows, and every problem as ``line N: ...``.
    Blank lines are skipped. Duplicates (the same title, partnership and year) of an item
    already in the library, or of an earlier line, are errors."""
    this_year = (today or timezone.localdate()).year
    vocabulary: dict[str, Theme] = {}
    for theme in Theme.objects.filter(is_active=True):
        vocabulary[_key(theme.slug)] = theme
        vocabulary[_key(theme.name)] = theme
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = _row(number, raw, vocabulary, this_year, report.warnings)
        except _LineErrors as error:
            report.errors.extend(f"line {number}: {problem}" for problem in error.problems)
            continue
        earlier = seen.get(row.fingerprint)
        if earlier is not None:
            report.errors.append(
                f"line {number}: duplicate of line {earlier} (the same title, partnership and year)"
            )
            continue
        seen[row.fingerprint] = number
        report.rows.append(row)
    existing = dict(
        LearningItem.objects.filter(fingerprint__in=list(seen)).values_list("fingerprint", "pk")
    )
    if existing:
        for row in report.rows:
            if row.fingerprint in existing:
                report.errors.append(
                    f"line {row.line}: duplicate of library item {existing[row.fingerprint]} "
                    "(the same title, partnership and year is already in the library)"
                )
        report.rows = [row for row in report.rows if row.fingerprint not in existing]
    report.errors.sort(key=lambda message: int(message.split(":", 1)[0].split()[1]))
    return report
