from django.urls import path

from cspr.backups import views

app_name = "backups"

urlpatterns = [
    path("", views.RetentionView.as_view(), name="retention"),
    path("change/", views.RetentionEditView.as_view(), name="retention-edit"),
    path("stop/", views.RetentionStopView.as_view(), name="retention-stop"),
]
