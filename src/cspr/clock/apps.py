from django.apps import AppConfig


class ClockConfig(AppConfig):
    """The Django side of the statutory clock: extra bank holidays added by administrators,
    each partnership's local lengths for the configurable rules, and the public page that
    explains how deadlines are worked out. The arithmetic itself is ``cspr.statutory``."""

    name = "cspr.clock"
    label = "clock"
    verbose_name = "Statutory clock"

    def ready(self) -> None:
        from cspr.clock import permissions  # noqa: F401, PLC0415
