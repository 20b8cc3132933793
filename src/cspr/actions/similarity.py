"""Recommendations that say nearly the same thing: pure Python, no Django.

A text becomes a set of *terms*: its words, lower-cased, without common words (and the words
every recommendation uses, such as "should" and "ensure"), each cut to a simple stem so that
"fathers", "father's" and "father" are one term; plus each pair of neighbouring words (a
shingle), so that "male carers" counts for more than "male" and "carers" apart.

Two texts are compared by a weighted Dice coefficient: twice the weight of the terms they share
over the weight of all the terms of each. A term is weighted by how rare it is among the texts
being compared (inverse document frequency), so a word that most recommendations use, such as
"agencies" or "practitioners", counts for little, and a shingle counts half as much as a word.
The score runs from 0 (nothing shared) to 1 (the same terms).
"""

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Common English words, and words that say how a recommendation is phrased, not what about.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    etc few for from further had has have having he her here hers him his how i if in into is
    it its itself just least less may me might more most much must my no nor not now of off on
    once only or other our ours out over own per same shall she should so some such than that
    the their theirs them then there these they this those through to too under until up upon
    very via was we were what when where whether which while who whom why will with within
    without would you your
    ensure ensuring ensured ensures make makes making sure need needs needed consider
    considers considering recommend recommends recommended recommendation recommendations
    review reviews partnership partnerships lscp lscps scp including include includes included
    appropriate appropriately relevant particular particularly
    """.split()  # noqa: SIM905 (a paragraph of words reads better than 150 strings)
)
IRREGULAR = {"children": "child", "children's": "child", "men": "man", "women": "woman"}
# (suffix, replacement), longest first; a stem keeps at least three letters.
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
SHINGLE_WEIGHT = 0.5
MIN_STEM = 3


def stem(word: str) -> str:
    """A light stem, the same for the usual forms of a word: "carers" and "carer" give
    "carer"; "includes", "included", "including" and "include" give "includ"."""
    word = IRREGULAR.get(word, word)
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) <= MIN_STEM:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > MIN_STEM + 1:
        word = word[:-1]
    return word


def words(text: str) -> list[tuple[str, str]]:
    """The text's meaningful words in order, each as (stem, the word as written)."""
    cleaned = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    found = []
    for match in _WORD.finditer(cleaned):
        word = match.group(0)
        bare = word[:-2] if word.endswith("'s") else word
        if bare in STOPWORDS or len(bare) < 2 or bare.isdigit():
            continue
        found.append((stem(word), bare))
    return found


@dataclass(frozen=True)
class Terms:
    words: frozenset[str]
    shingles: frozenset[str]
    written: dict[str, str]  # stem -> the word as the text first wrote it

    @property
    def all(self) -> frozenset[str]:
        return self.words | self.shingles


def terms(text: str) -> Terms:
    found = words(text)
    stems = [s for s, _ in found]
    written: dict[str, str] = {}
    for s, word in found:
        written.setdefault(s, word)
    shingles = frozenset(f"{a} {b}" for a, b in itertools.pairwise(stems) if a != b)
    return Terms(words=frozenset(stems), shingles=shingles, written=written)


@dataclass(frozen=True)
class Similar:
    key: int
    score: float
    shared: tuple[str, ...]  # the shared words, as the new text writes them, rarest first


def _weights(documents: Sequence[Terms]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(document.all)
    total = len(documents)
    return {
        term: (math.log((total + 1) / (count + 1)) + 1.0) * (SHINGLE_WEIGHT if " " in term else 1.0)
        for term, count in counts.items()
    }


def score(a: Terms, b: Terms, weights: dict[str, float]) -> float:
    """Weighted Dice coefficient of two texts' terms, from 0 to 1."""
    total = sum(weights.get(t, 1.0) for t in a.all) + sum(weights.get(t, 1.0) for t in b.all)
    if total == 0:
        return 0.0
    shared = sum(weights.get(t, 1.0) for t in a.all & b.all)
    return 2 * shared / total


def most_similar(
    text: str,
    candidates: Iterable[tuple[int, str]],
    *,
    threshold: float = 0.35,
    limit: int = 5,
) -> list[Similar]:
    """The candidates (id, text) that say nearly the same as ``text``, most similar first:
    at most ``limit`` of them, each scoring at least ``threshold``."""
    query = terms(text)
    if not query.words:
        return []
    keyed = [(key, terms(candidate)) for key, candidate in candidates]
    weights = _weights([query, *(t for _, t in keyed)])
    found = []
    for key, candidate in keyed:
        value = score(query, candidate, weights)
        if value >= threshold:
            shared = sorted(query.words & candidate.words, key=lambda s: (-weights[s], s))
            found.append(Similar(key, round(value, 3), tuple(query.written[s] for s in shared)))
    found.sort(key=lambda s: -s.score)
    return found[:limit]
