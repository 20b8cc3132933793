from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    """The multi-agency chronology of a review."""

    name = "cspr.chronology"
    label = "chronology"
    verbose_name = "Multi-agency chronology"

    def ready(self) -> None:
        from cspr.chronology import permissions  # noqa: F401, PLC0415
