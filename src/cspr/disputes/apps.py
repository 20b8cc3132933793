from django.apps import AppConfig


class DisputesConfig(AppConfig):
    """Differences of opinion (DISPUTE): raised on any decision, walked through its stages."""

    name = "cspr.disputes"
    label = "disputes"
    verbose_name = "Differences of opinion"

    def ready(self) -> None:
        from cspr.disputes import permissions  # noqa: F401, PLC0415
