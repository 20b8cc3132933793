from django.urls import path

from cspr.actions import views

app_name = "actions"

PLAN = "cases/<str:reference>/action-plan/"
RECOMMENDATION = f"{PLAN}recommendations/<int:recommendation_id>/"
ACTION = f"{PLAN}actions/<int:action_id>/"

urlpatterns = [
    path("actions/", views.ActionListView.as_view(), name="list"),
    path(f"{PLAN}start/", views.PlanStartView.as_view(), name="start"),
    path(PLAN, views.PlanDetailView.as_view(), name="plan"),
    path(
        f"{PLAN}recommendations/add/",
        views.RecommendationAddView.as_view(),
        name="recommendation-add",
    ),
    path(
        f"{PLAN}immediate-actions/",
        views.BringInView.as_view(),
        name="bring-in",
    ),
    path(RECOMMENDATION, views.RecommendationDetailView.as_view(), name="recommendation"),
    path(
        f"{RECOMMENDATION}change/",
        views.RecommendationEditView.as_view(),
        name="recommendation-edit",
    ),
    path(
        f"{RECOMMENDATION}remove/",
        views.RecommendationRemoveView.as_view(),
        name="recommendation-remove",
    ),
    path(f"{RECOMMENDATION}actions/add/", views.ActionAddView.as_view(), name="action-add"),
    path(ACTION, views.ActionDetailView.as_view(), name="action"),
    path(f"{ACTION}change/", views.ActionEditView.as_view(), name="action-edit"),
    path(f"{ACTION}update/", views.ActionUpdateView.as_view(), name="action-update"),
    path(f"{ACTION}remove/", views.ActionRemoveView.as_view(), name="action-remove"),
    path(
        f"{ACTION}evidence/<int:evidence_id>/",
        views.EvidenceDownloadView.as_view(),
        name="evidence",
    ),
    path(f"{PLAN}sign-off/", views.SignOffView.as_view(), name="sign-off"),
    path(f"{PLAN}impact-review/", views.ImpactReviewView.as_view(), name="impact-review"),
    path(f"{PLAN}close/", views.PlanCloseView.as_view(), name="close"),
    path(f"{PLAN}return-to-draft/", views.PlanReopenView.as_view(), name="reopen"),
    path(f"{PLAN}export.xlsx", views.PlanExportView.as_view(fmt="xlsx"), name="export-xlsx"),
    path(f"{PLAN}export.docx", views.PlanExportView.as_view(fmt="docx"), name="export-docx"),
]
