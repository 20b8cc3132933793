"""Finding the terms in a report's text: each place a term occurs, once (the longest term
wins, so "Ruby Testchild" is one hit, not three), with about 60 characters either side."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cspr.documents.terms import Term, normalise
from cspr.documents.text import TextBlock

CONTEXT = 60


@dataclass(frozen=True)
class Found:
    kind: str
    term: str  # the words as the report has them
    context: str
    location: str


def find(blocks: Iterable[TextBlock], terms: list[Term]) -> list[Found]:
    """``terms`` longest first (as ``terms_for`` gives them)."""
    found: list[Found] = []
    for block in blocks:
        text = normalise(block.text)
        taken: list[tuple[int, int, Term]] = []
        for term in terms:
            for match in term.pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e, _ in taken):
                    continue
                taken.append((start, end, term))
        for start, end, term in sorted(taken, key=lambda t: t[0]):
            found.append(
                Found(
                    kind=term.kind,
                    term=_one_line(text[start:end]),
                    context=context_of(text, start, end),
                    location=block.location,
                )
            )
    return found


def context_of(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    prefix = "…" if start > CONTEXT else ""
    suffix = "…" if end + CONTEXT < len(text) else ""
    return _one_line(f"{prefix}{before}{text[start:end]}{after}{suffix}")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
