"""Theme suggestions: which themes of the vocabulary a text is about, and why.

CSPR only suggests; a person confirms each item's themes. A theme is suggested when the text
contains one of its cues (``Theme.cues``, one word or phrase a line). The reasons given are the
cues found, so the person confirming can see what triggered each suggestion.

Matching rules, chosen so that a cue means what a reader would expect:

- whole words only, ignoring case: "cse" never matches inside "nurses" or "courses";
- a cue written in capitals (an acronym such as ``CSE`` or ``FII``) matches only in capitals, so
  "fii" or "Roma" in running text cannot be read as an acronym by accident;
- simple plurals and possessives of every word: "father" matches "fathers" and "father's",
  "baby" matches "babies";
- hyphens, dashes and spaces between words are interchangeable, and may be left out:
  "self-harm" matches "self harm" and "selfharm"; curly and straight apostrophes are the same;
- "and" also matches "&": "wishes and feelings" matches "wishes & feelings";
- a number range in braces matches any whole number in it, in figures or words (up to twenty):
  "{13-17} year old" matches "15-year-old" and "fourteen years old";
- the longest match wins: where "learning disability" (a parent's) is found, the "disability"
  inside it does not also count for the child's disability.

The score of a theme adds up its cues found: a phrase of several words counts more than one word,
and a cue found several times counts a little more than once (logarithmically).
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cspr.learning.models import Theme

# Same-length replacements, so that match positions stay comparable across cues.
_NORMALISE = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",
        "\u02bc": "'",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u00a0": " ",
    }
)
# A cue's words: a number range such as {13-17}, or a run of anything but spaces and hyphens.
_CUE_WORD = re.compile(r"\{\d+-\d+\}|[^\s\-]+")
_RANGE = re.compile(r"\{(\d+)-(\d+)\}")
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_SEPARATOR = r"[\s\-]*"
_BEFORE = r"(?<![^\W_])"  # not preceded by a letter or digit
_AFTER = r"(?![^\W_])"  # not followed by a letter or digit
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


@dataclass(frozen=True)
class ThemeSuggestion:
    theme: Theme
    reasons: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class _Match:
    theme_index: int
    cue: str
    start: int
    end: int
    found: str


def _is_acronym(cue: str) -> bool:
    letters = [char for char in cue if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _range_pattern(first: int, last: int) -> str:
    """Any whole number from first to last, in figures or (up to twenty) in words."""
    numbers = range(min(first, last), max(first, last) + 1)
    spelled = [str(n) for n in numbers] + [_NUMBER_WORDS[n] for n in numbers if n <= 20]
    # Not the end of another number ("2-year-1-month-old" is not a 1-month-old).
    return "(?<![\\d-])(?:" + "|".join(sorted(spelled, key=len, reverse=True)) + ")"


def _word_pattern(word: str, *, acronym: bool) -> str:
    number_range = _RANGE.fullmatch(word)
    if number_range:
        return _range_pattern(int(number_range[1]), int(number_range[2]))
    if word.lower() == "and":
        return "(?:and|&)"
    escaped = re.escape(word)
    if acronym:
        return escaped + "s?"
    if _CONSONANT_Y.search(word):
        stem = re.escape(word[:-1])
        return f"{stem}(?:y|ies)(?:'s?)?"
    return f"{escaped}(?:s|es)?(?:'s?)?"


@lru_cache(maxsize=2048)
def cue_pattern(cue: str) -> re.Pattern[str] | None:
    """The compiled pattern for one cue, or None for a blank line."""
    cue = cue.strip().translate(_NORMALISE)
    words = _CUE_WORD.findall(cue)
    if not words:
        return None
    acronym = _is_acronym(cue)
    body = _SEPARATOR.join(_word_pattern(word, acronym=acronym) for word in words)
    flags = 0 if acronym else re.IGNORECASE
    return re.compile(_BEFORE + body + _AFTER, flags)


def theme_cues(theme: Theme) -> list[str]:
    """The cues of a theme as written (case kept: capitals mark an acronym), without repeats."""
    seen: set[str] = set()
    cues: list[str] = []
    for line in theme.cues.splitlines():
        cue = line.strip()
        if cue and cue not in seen:
            seen.add(cue)
            cues.append(cue)
    return cues


def _cue_weight(cue: str) -> float:
    words = len(_CUE_WORD.findall(cue.strip()))
    return 1.0 + 0.5 * (words - 1)


def _reason(cue: str, found: str) -> str:
    """What to show as the reason: the cue as written, or for a cue with a number range the
    words found ("15-year-old" rather than "{13-17} year old")."""
    if _RANGE.search(cue):
        return " ".join(found.lower().split())
    return cue if _is_acronym(cue) else cue.lower()


def _drop_contained(matches: list[_Match]) -> list[_Match]:
    """Keep a match only if no longer match covers it (the longest match wins).

    Matches of exactly the same span are all kept: one cue may be listed under two themes."""
    spans: dict[tuple[int, int], list[_Match]] = {}
    for match in matches:
        spans.setdefault((match.start, match.end), []).append(match)
    kept: list[_Match] = []
    furthest_end = -1
    # By start, then longest first: any earlier span reaching as far covers this one.
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if furthest_end < end:
            kept.extend(spans[(start, end)])
        furthest_end = max(furthest_end, end)
    return kept


def suggest_themes(text: str, themes: Iterable[Theme] | None = None) -> list[ThemeSuggestion]:
    """Suggested themes for a text, strongest first; None means all active themes (one query)."""
    theme_list = list(Theme.objects.filter(is_active=True) if themes is None else themes)
    normalised = (text or "").translate(_NORMALISE)
    if not normalised.strip() or not theme_list:
        return []
    matches: list[_Match] = []
    for index, theme in enumerate(theme_list):
        for cue in theme_cues(theme):
            pattern = cue_pattern(cue)
            if pattern is None:
                continue
            matches.extend(
                _Match(index, cue, found.start(), found.end(), found.group())
                for found in pattern.finditer(normalised)
            )
    kept = _drop_contained(matches)

    found_cues: dict[int, dict[str, list[_Match]]] = {}
    for match in sorted(kept, key=lambda m: m.start):
        found_cues.setdefault(match.theme_index, {}).setdefault(match.cue, []).append(match)

    suggestions: list[ThemeSuggestion] = []
    for index, cues in found_cues.items():
        score = sum(_cue_weight(cue) * (1.0 + math.log(len(found))) for cue, found in cues.items())
        suggestions.append(
            ThemeSuggestion(
                theme=theme_list[index],
                reasons=tuple(_reason(cue, found[0].found) for cue, found in cues.items()),
                score=round(score, 3),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.theme.facet, s.theme.position, s.theme.name))
    return suggestions
