"""Possible duplicates across agencies: entries of different agencies on the same day whose
accounts of what happened are near-identical (one agency copied another's record, or both
recorded a joint visit).

Each entry stores ``match_key``, the start of what happened with case, accents, punctuation and
spacing taken out. For one page of the chronology, one query fetches the keys of the entries on
that page's days; keys are compared in Python, identical or at least ``SIMILARITY`` alike. The
cost depends on the page, never on the size of the chronology.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import QuerySet

from cspr.chronology.models import ChronologyEntry

KEY_LENGTH = 60
SIMILARITY = 0.85
# A day with more entries than this (a bulk import all dated alike) is compared on identical
# keys only, so one page never makes more than 50 x 200 fuzzy comparisons.
MAX_FUZZY_CANDIDATES = 200

_NOT_WORD = re.compile(r"[\W_]+")


def match_key(text: str) -> str:
    """``"Home visit: mother (Ms X) not in."`` and ``"home visit - Mother, ms x; not in"``
    share the key ``"home visit mother ms x not in"``."""
    text = text[: KEY_LENGTH * 4]  # enough for the key, however long the account
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", plain).split())[:KEY_LENGTH]


def similarity(first: str, second: str, *, fuzzy: bool = True) -> float:
    """1 for identical keys, their likeness if at least ``SIMILARITY``, else 0."""
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    if not fuzzy:
        return 0.0
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILARITY else 0.0


def alike(first: str, second: str, *, fuzzy: bool = True) -> bool:
    return similarity(first, second, fuzzy=fuzzy) > 0


@dataclass(frozen=True)
class Duplicate:
    entry_id: int
    agency_name: str


@dataclass(frozen=True)
class _Candidate:
    entry_id: int
    agency_id: int
    agency_name: str
    key: str


def possible_duplicates(
    entries: Sequence[ChronologyEntry], candidates: QuerySet[ChronologyEntry]
) -> dict[int, list[Duplicate]]:
    """For each entry of ``entries`` (one page), the entries of other agencies among
    ``candidates`` (what the person may see) that look like the same event. One query."""
    days = {entry.occurred_on for entry in entries}
    if not days:
        return {}
    rows = candidates.filter(occurred_on__in=days).values_list(
        "pk", "agency_id", "agency__name", "occurred_on", "match_key"
    )
    by_day: dict[object, list[_Candidate]] = defaultdict(list)
    for pk, agency_id, agency_name, day, key in rows:
        by_day[day].append(_Candidate(pk, agency_id, agency_name, key))
    found: dict[int, list[Duplicate]] = {}
    for entry in entries:
        same_day = by_day.get(entry.occurred_on, [])
        matches = _matches(entry, same_day, fuzzy=len(same_day) <= MAX_FUZZY_CANDIDATES)
        if matches:
            found[entry.pk] = matches
    return found


def _matches(
    entry: ChronologyEntry, same_day: Iterable[_Candidate], *, fuzzy: bool
) -> list[Duplicate]:
    """The most alike entry of each other agency, if any is alike enough."""
    best: dict[int, tuple[float, _Candidate]] = {}
    for other in same_day:
        if other.agency_id == entry.agency_id:
            continue
        score = similarity(entry.match_key, other.key, fuzzy=fuzzy)
        if score > best.get(other.agency_id, (0.0, other))[0]:
            best[other.agency_id] = (score, other)
    return [
        Duplicate(entry_id=other.entry_id, agency_name=other.agency_name)
        for _score, other in sorted(best.values(), key=lambda pair: pair[1].agency_name)
    ]
