"""The one domain error type services raise. Views show its message in the GOV.UK error
summary; the API returns it as a 400 with the same message."""


class DomainError(Exception):
    """A rule of the domain refused the action; ``message`` is written for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(DomainError):
    """Someone else saved the record after this user opened it (no silent overwrite)."""
