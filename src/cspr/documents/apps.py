from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents of a review (drafts, minutes, agency reports) with versions and comments, the
    final report's checklist and quality feedback, and the anonymisation check."""

    name = "cspr.documents"
    label = "documents"
    verbose_name = "Documents and the final report"

    def ready(self) -> None:
        from cspr.documents import permissions  # noqa: F401, PLC0415
