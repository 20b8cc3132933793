from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    """The Rapid Review: invitations, scoping returns, the meeting and recommendation, the
    partners' decision, and the Panel."""

    name = "cspr.rapid_reviews"
    label = "rapid_reviews"
    verbose_name = "Rapid Reviews"

    def ready(self) -> None:
        from cspr.rapid_reviews import permissions  # noqa: F401, PLC0415
