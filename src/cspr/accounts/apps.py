from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cspr.accounts"
    label = "accounts"
    verbose_name = "People and sign-in"

    def ready(self) -> None:
        from cspr.accounts import permissions, signals  # noqa: F401, PLC0415
