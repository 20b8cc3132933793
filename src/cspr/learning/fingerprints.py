"""The same review from the same partnership in the same year, found however it is spelt:
the library keeps one of each (``LearningItem.fingerprint``)."""

import hashlib
import re
import unicodedata

_NOT_WORDS = re.compile(r"[^0-9a-z]+")


def _normalised(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _NOT_WORDS.sub(" ", ascii_text.casefold()).strip()


def fingerprint_of(*, title: str, source: str, year: int | None) -> str:
    """The same review from the same partnership in the same year, however it is spelt
    (case, accents, punctuation and spacing do not count)."""
    content = f"{_normalised(title)}\n{_normalised(source)}\n{year or ''}"
    return hashlib.sha256(content.encode()).hexdigest()
