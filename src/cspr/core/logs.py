"""Application logs carry no personal data: messages are written with ids, verbs and paths only
(which never hold names), and a logged exception keeps its type and stack frames but never its
message, which may quote a value someone typed (a database error repeats the row's values)."""

import logging
import traceback
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class WithoutExceptionMessages(logging.Formatter):
    """The project's log formatter: ``formatException`` shows each exception in the chain as
    its class name and where it was raised, without ``str(exception)``."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full exception text on the record: never reuse it.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:  # noqa: N802
        kind, error, _tb = ei
        if kind is None or error is None:
            return ""
        lines: list[str] = []
        seen: set[int] = set()
        chain: list[tuple[BaseException, str]] = []
        current: BaseException | None = error
        note = ""
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            chain.append((current, note))
            if current.__cause__ is not None:
                note = "The above exception was the direct cause of the next one."
                current = current.__cause__
            elif current.__context__ is not None and not current.__suppress_context__:
                note = "The above exception happened while handling the next one."
                current = current.__context__
            else:
                current = None
        for exception, linking in reversed(chain):
            frames = traceback.extract_tb(exception.__traceback__)
            lines.append("Traceback (most recent call last):")
            lines.extend(line.rstrip("\n") for line in traceback.format_list(frames))
            kind_name = f"{type(exception).__module__}.{type(exception).__qualname__}"
            lines.append(f"{kind_name} (message withheld: it may hold personal data)")
            if linking:
                lines.append(linking)
        return "\n".join(lines)
