"""The public pages of published reports, under ``published/``: no sign-in needed."""

from django.urls import path

from cspr.publication import public_views

app_name = "published"

urlpatterns = [
    path("<slug:partnership_slug>/", public_views.PublishedListView.as_view(), name="partnership"),
    path(
        "<slug:partnership_slug>/<int:report_id>/",
        public_views.PublishedReportView.as_view(),
        name="report",
    ),
    path(
        "<slug:partnership_slug>/<int:report_id>/report.pdf",
        public_views.PublishedDownloadView.as_view(),
        name="download",
    ),
]
