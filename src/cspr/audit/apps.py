from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cspr.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from cspr.audit import permissions  # noqa: F401, PLC0415
