from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents of a review (drafts, minutes, agency reports) with versions and comments, the
    final report's checklist and quality feedback, and the anonymisation check."""

    name = "cspr.documents"
    label = "documents"
    verbose_name = "Documents and the final report"

    def ready(self) -> None:
        from cspr.documents import permissions  # noqa: F401, PLC0415
        from cspr.documents.selectors import FINAL_REPORT_CHECKS  # noqa: PLC0415
        from cspr.reviews.services import FINAL_REPORT_CHECKS as REGISTRY  # noqa: PLC0415

        # A final report needs its file, its REPORT-CONTENT checklist and closed feedback.
        REGISTRY.extend(check for check in FINAL_REPORT_CHECKS if check not in REGISTRY)
