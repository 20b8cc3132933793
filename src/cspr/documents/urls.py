"""Under ``p/<partnership_slug>/cases/<reference>/review/documents/``. Ids in URLs only: no
titles, names or file names."""

from django.urls import path

from cspr.documents.views import anonymisation, documents, report

app_name = "documents"

urlpatterns = [
    path("", documents.DocumentListView.as_view(), name="list"),
    path("add/", documents.DocumentAddView.as_view(), name="add"),
    path("<int:document_id>/", documents.DocumentDetailView.as_view(), name="detail"),
    path(
        "<int:document_id>/versions/add/",
        documents.VersionAddView.as_view(),
        name="version-add",
    ),
    path(
        "versions/<int:version_id>/download/",
        documents.DownloadView.as_view(),
        name="download",
    ),
    path(
        "versions/<int:version_id>/comments/add/",
        documents.CommentAddView.as_view(),
        name="comment-add",
    ),
    path(
        "comments/<int:comment_id>/resolve/",
        documents.CommentResolveView.as_view(),
        name="comment-resolve",
    ),
    path("report-content/", report.ChecklistView.as_view(), name="checklist"),
    path("feedback/", report.FeedbackListView.as_view(), name="feedback"),
    path("feedback/add/", report.FeedbackAddView.as_view(), name="feedback-add"),
    path(
        "feedback/<int:point_id>/respond/",
        report.FeedbackRespondView.as_view(),
        name="feedback-respond",
    ),
    path(
        "feedback/<int:point_id>/close/",
        report.FeedbackCloseView.as_view(),
        name="feedback-close",
    ),
    path("anonymisation/", anonymisation.AnonymisationView.as_view(), name="anonymisation"),
    path(
        "anonymisation/run/",
        anonymisation.AnonymisationRunView.as_view(),
        name="anonymisation-run",
    ),
    path(
        "anonymisation/hits/<int:hit_id>/clear/",
        anonymisation.HitClearView.as_view(),
        name="hit-clear",
    ),
    path(
        "anonymisation/clear-for-publication/",
        anonymisation.ClearForPublicationView.as_view(),
        name="clear-for-publication",
    ),
]
