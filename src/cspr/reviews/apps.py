from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Reviews after the decision: local CSPRs, local learning reviews and local contributions
    to national reviews, their reviewers, terms of reference and participants."""

    name = "cspr.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from cspr.reviews import permissions  # noqa: F401, PLC0415
