"""Plain text as the pages and PDFs show it: paragraphs (a blank line between them), bullets
(lines starting "- ", "* " or "• "), numbered questions (one a line) and links (one a line,
"What it is: https://..."). Templates escape every string; nothing here returns HTML."""

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013])\s+")
_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[-*\u2022\u2013])\s+")
_URL = re.compile(r"https?://\S+$")


@dataclass(frozen=True)
class Block:
    is_list: bool
    items: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None  # only http and https addresses are made links


def blocks(text: str) -> list[Block]:
    """Paragraphs and bullet lists, in order. Lines of one paragraph keep their line breaks."""
    result: list[Block] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if lines:
            result.append(Block(False, tuple(lines)))
            lines.clear()
        if bullets:
            result.append(Block(True, tuple(bullets)))
            bullets.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif _BULLET.match(line):
            if lines:
                flush()
            bullets.append(_BULLET.sub("", line))
        else:
            if bullets:
                flush()
            lines.append(line)
    flush()
    return result


def questions(text: str) -> list[str]:
    """One question a line; numbers or bullets the writer typed are dropped."""
    return [_NUMBER.sub("", line).strip() for line in text.splitlines() if line.strip()]


def links(text: str) -> list[Link]:
    """One link a line: "What it is: https://...", or an address alone."""
    result = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        line = _BULLET.sub("", line)
        match = _URL.search(line)
        if match is None:
            result.append(Link(line, None))
            continue
        url = match.group().rstrip(".,;)")
        label = line[: match.start()].strip().rstrip(":").strip() or url
        result.append(Link(label, url))
    return result
