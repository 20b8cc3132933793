from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning library: themes, library items, search and recurring themes."""

    name = "cspr.learning"
    label = "learning"
    verbose_name = "Learning library"
