from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Publishing a review's report (PRE-PUBLICATION, PUBLISH-DEFAULT, PUBLISH-DELAY,
    PUBLISH-LOCAL, PUBLISH-NATIONAL) and the partnership's public page of published reports."""

    name = "cspr.publication"
    label = "publication"
    verbose_name = "Publication"

    def ready(self) -> None:
        from cspr.publication import permissions  # noqa: F401, PLC0415
