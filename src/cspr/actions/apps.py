from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """Action plans (ACTIONS): each recommendation's response and its actions, with owners,
    dates, updates with evidence, the partners' sign-off and the impact review."""

    name = "cspr.actions"
    label = "actions"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from cspr.actions import permissions  # noqa: F401, PLC0415
