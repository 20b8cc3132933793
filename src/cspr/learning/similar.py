"""Read a new case against the old ones (CRIT-LOCAL (a) and (b)): the library items and the
partnership's earlier cases most like it, by the themes they share and the words they use.

A library item's score is 0.6 times the share of themes in common (Jaccard, confirmed themes only)
plus 0.4 times the cosine similarity of its words to the case's; the candidates come from the
library's own search (:func:`cspr.learning.search.search`) for the case's most telling words
and from the items sharing most themes.
An earlier case's score is 0.6 times shared themes plus 0.4 times the cosine similarity of the
words of the two cases. A fixed number of queries, whatever the size of the library or of the
partnership.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from cspr.actions.models import Recommendation
from cspr.cases.models import Case, CaseTheme
from cspr.cases.themes import case_text
from cspr.learning.models import ItemTheme, LearningItem, Theme
from cspr.learning.ordering import theme_order
from cspr.learning.search import confirmed_themes, search

THEME_WEIGHT = 0.6
TEXT_WEIGHT = 0.4
KEYWORDS = 12
CANDIDATES = 50
SHOWN = 5
MINIMUM_SCORE = 0.05

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
# Words too common in case reviews to tell one case from another.
_STOPWORDS_TEXT = """
    about above after again against all also although among and another any are around
    because been before being below between both but can child child's children could did does
    doing done during each either else even ever every family for from further had has have
    having her here hers herself him himself his how however into its itself just known last
    later like made make many may more most much must near need needed not now off once only
    other others our out over own per rather said same see seen she should since some such
    than that the their theirs them themselves then there these they this those though through
    time times under until upon very was were what when where whether which while who whom
    whose why will with within without would year years you your agency agencies case review
    reviews practice professionals professional services service support"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class SimilarItem:
    item: LearningItem
    score: float
    shared_themes: list[Theme]


@dataclass(frozen=True)
class SimilarCase:
    case: Case
    score: float
    shared_themes: list[Theme]
    learning: str
    recommendations: list[str] = field(default_factory=list)


@dataclass
class SimilarToCase:
    themes: list[Theme]
    items: list[SimilarItem] = field(default_factory=list)
    cases: list[SimilarCase] = field(default_factory=list)


def words(text: str) -> Counter[str]:
    return Counter(w.strip("'-") for w in _WORD.findall(text.lower()) if w not in STOPWORDS)


def keywords(text: str, limit: int = KEYWORDS) -> list[str]:
    """The most frequent telling words of a text, longest first among equals."""
    counted = words(text)
    ranked = sorted(counted.items(), key=lambda pair: (-pair[1], -len(pair[0]), pair[0]))
    return [word for word, _ in ranked[:limit] if len(word) > 3]


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similar_to_case(case: Case, *, limit: int = SHOWN) -> SimilarToCase:
    themes = [ct.theme for ct in CaseTheme.objects.filter(case=case).select_related("theme")]
    text = case_text(case)
    found = SimilarToCase(themes=themes)
    found.items = _similar_items(case, themes, text, limit)
    found.cases = _similar_cases(case, themes, text, limit)
    return found


def _similar_items(case: Case, themes: list[Theme], text: str, limit: int) -> list[SimilarItem]:
    """Candidates are the items the library's search finds for the case's telling words and the
    items sharing most themes; each is then scored on the same scale whatever the database:
    shared themes, and the cosine similarity of its words (title, summary, key learning) to
    the case's. The case's own published review is left out."""
    theme_ids = {theme.pk for theme in themes}
    by_pk = {theme.pk: theme for theme in themes}
    public = LearningItem.objects.public().exclude(published_report__review__case=case)
    found_by_words: set[int] = set()
    terms = keywords(text)
    if terms:
        found_by_words = {result.item.pk for result in search(" or ".join(terms)).results}
    sharing = (
        ItemTheme.objects.filter(
            theme_id__in=theme_ids, confirmed_at__isnull=False, item__in=public
        )
        .values("item_id")
        .annotate(shared=Count("theme_id"))
        .order_by("-shared", "-item_id")[:CANDIDATES]
    )
    candidate_ids = found_by_words | {row["item_id"] for row in sharing}
    if not candidate_ids:
        return []
    items = (
        public.filter(pk__in=candidate_ids)
        .select_related("partnership")
        .prefetch_related(confirmed_themes())
    )
    mine = words(text)
    scored = []
    for item in items:
        item_themes = {item_theme.theme_id for item_theme in getattr(item, "confirmed", [])}
        their_words = words(f"{item.title}\n{item.summary}\n{item.key_learning}")
        score = THEME_WEIGHT * jaccard(theme_ids, item_themes) + TEXT_WEIGHT * cosine(
            mine, their_words
        )
        if score >= MINIMUM_SCORE:
            shared = sorted((by_pk[pk] for pk in item_themes & theme_ids), key=theme_order)
            scored.append(SimilarItem(item=item, score=round(score, 3), shared_themes=shared))
    scored.sort(key=lambda s: (-s.score, -(s.item.year or 0), s.item.pk))
    return scored[:limit]


def _similar_cases(case: Case, themes: list[Theme], text: str, limit: int) -> list[SimilarCase]:
    theme_ids = {theme.pk for theme in themes}
    by_pk = {theme.pk: theme for theme in themes}
    others = Case.objects.filter(partnership_id=case.partnership_id).exclude(pk=case.pk)
    sharing = (
        CaseTheme.objects.filter(case__in=others, theme_id__in=theme_ids)
        .values("case_id")
        .annotate(shared=Count("theme_id"))
        .order_by("-shared", "-case_id")[:CANDIDATES]
    )
    recent = others.order_by("-created_at").values_list("pk", flat=True)[:CANDIDATES]
    candidate_ids = {row["case_id"] for row in sharing} | set(recent)
    if not candidate_ids:
        return []
    candidates = list(
        others.filter(pk__in=candidate_ids)
        .select_related("rapid_review")
        .only(
            "pk",
            "reference",
            "pseudonym",
            "state",
            "case_outline",
            "partnership_id",
            "created_at",
            "rapid_review__learning_identified",
            "rapid_review__improvements",
        )
    )
    their_themes: dict[int, set[int]] = {}
    for case_id, theme_id in CaseTheme.objects.filter(case__in=candidates).values_list(
        "case_id", "theme_id"
    ):
        their_themes.setdefault(case_id, set()).add(theme_id)
    mine = words(text)
    scored = []
    for other in candidates:
        learning = _learning_of(other)
        other_words = words(f"{other.case_outline}\n{learning}")
        shared_ids = their_themes.get(other.pk, set())
        score = THEME_WEIGHT * jaccard(theme_ids, shared_ids) + TEXT_WEIGHT * cosine(
            mine, other_words
        )
        if score >= MINIMUM_SCORE:
            shared = sorted((by_pk[pk] for pk in shared_ids & theme_ids), key=theme_order)
            scored.append(
                SimilarCase(
                    case=other, score=round(score, 3), shared_themes=shared, learning=learning
                )
            )
    scored.sort(key=lambda s: (-s.score, s.case.reference))
    shown = scored[:limit]
    for case_id, recommendation in _recommendations_of([s.case.pk for s in shown]):
        next(s for s in shown if s.case.pk == case_id).recommendations.append(recommendation)
    return shown


def _recommendations_of(case_ids: list[int]) -> list[tuple[int, str]]:
    """The recommendations of the cases' action plans (ACTIONS), in their order (one query)."""
    if not case_ids:
        return []
    return list(
        Recommendation.objects.filter(plan__case_id__in=case_ids)
        .order_by("plan__case_id", "number")
        .values_list("plan__case_id", "text")
    )


def _learning_of(case: Any) -> str:
    rapid_review = getattr(case, "rapid_review", None)
    if rapid_review is None:
        return ""
    return rapid_review.learning_identified or rapid_review.improvements or ""
