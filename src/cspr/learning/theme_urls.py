"""The theme pages, under /themes/ (one vocabulary for the whole deployment)."""

from django.urls import path

from cspr.learning import theme_views

app_name = "themes"

urlpatterns = [
    path("", theme_views.ThemeListView.as_view(), name="list"),
    path("add/", theme_views.ThemeFormView.as_view(), name="add"),
    path("try/", theme_views.ThemeTryView.as_view(), name="try"),
    path("<int:theme_id>/", theme_views.ThemeFormView.as_view(), name="edit"),
]
