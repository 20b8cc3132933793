from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backups of one partnership that restore (``export_partnership``, ``import_partnership``)
    and the retention of closed cases (``apply_retention``)."""

    name = "cspr.backups"
    label = "backups"
    verbose_name = "Backups and retention"

    def ready(self) -> None:
        from cspr.audit import chain  # noqa: PLC0415
        from cspr.backups import permissions  # noqa: F401, PLC0415
        from cspr.backups.restored_chain import restored_gaps  # noqa: PLC0415

        if restored_gaps not in chain.GAP_SOURCES:
            chain.GAP_SOURCES.append(restored_gaps)
