from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Serious incident referrals, triage against the criteria, and notifications."""

    name = "cspr.cases"
    label = "cases"
    verbose_name = "Cases and notifications"

    def ready(self) -> None:
        from cspr.cases import permissions  # noqa: F401, PLC0415
