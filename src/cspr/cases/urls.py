from django.urls import path

from cspr.cases import theme_views, views

app_name = "cases"

CASE = "<str:reference>/"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="list"),
    path("refer/", views.ReferView.as_view(), name="refer"),
    path(CASE, views.CaseDetailView.as_view(), name="detail"),
    path(f"{CASE}triage/", views.TriageView.as_view(), name="triage"),
    path(f"{CASE}notifications/", views.NotificationRecordView.as_view(), name="notify"),
    path(
        f"{CASE}deadlines/<str:rule_id>/adjust/",
        views.DeadlineAdjustView.as_view(),
        name="adjust",
    ),
    path(
        f"{CASE}deadlines/<str:rule_id>/<int:invitation_id>/adjust/",
        views.DeadlineAdjustView.as_view(),
        name="adjust-return",
    ),
    path(f"{CASE}themes/", theme_views.CaseThemesView.as_view(), name="themes"),
    path(f"{CASE}processes/add/", views.ParallelProcessView.as_view(), name="process-add"),
    path(
        f"{CASE}processes/<int:process_id>/",
        views.ParallelProcessView.as_view(),
        name="process-edit",
    ),
    path(
        f"{CASE}notification-data-pack/",
        views.NotificationDataPackView.as_view(),
        name="data-pack",
    ),
    path(
        f"{CASE}notification-data-pack.docx",
        views.NotificationDataPackDocxView.as_view(),
        name="data-pack-docx",
    ),
]
