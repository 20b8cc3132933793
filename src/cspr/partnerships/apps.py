from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "cspr.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships, agencies and memberships"

    def ready(self) -> None:
        from cspr.partnerships import permissions  # noqa: F401, PLC0415
