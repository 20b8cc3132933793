from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    """Learning on a Page and 7-minute briefings: drafted from what a review recorded, edited
    by the business unit, approved by a safeguarding partner, published as a web page and a
    PDF, and the record of where each was delivered."""

    name = "cspr.briefings"
    label = "briefings"
    verbose_name = "Learning on a Page and 7-minute briefings"

    def ready(self) -> None:
        from cspr.briefings import permissions  # noqa: F401, PLC0415
