from django.urls import path

from cspr.reviews import views

app_name = "reviews"

REVIEW = "cases/<str:reference>/review/"

urlpatterns = [
    path("reviews/", views.MonitoringView.as_view(), name="monitoring"),
    path("cases/<str:reference>/open-review/", views.ReviewOpenView.as_view(), name="open"),
    path(REVIEW, views.ReviewDetailView.as_view(), name="detail"),
    path(f"{REVIEW}change/", views.ReviewEditView.as_view(), name="edit"),
    path(f"{REVIEW}reviewers/add/", views.CommissionView.as_view(), name="commission"),
    path(
        f"{REVIEW}reviewers/<int:commission_id>/end/",
        views.CommissionEndView.as_view(),
        name="commission-end",
    ),
    path(f"{REVIEW}terms/add/", views.TermsView.as_view(), name="terms"),
    path(
        f"{REVIEW}terms/<int:number>/approve/",
        views.TermsApproveView.as_view(),
        name="terms-approve",
    ),
    path(f"{REVIEW}participants/add/", views.ParticipantAddView.as_view(), name="participant-add"),
    path(
        f"{REVIEW}participants/<int:participant_id>/",
        views.ParticipantEditView.as_view(),
        name="participant-edit",
    ),
    path(f"{REVIEW}requests/add/", views.RequestAddView.as_view(), name="request-add"),
    path(
        f"{REVIEW}requests/<int:request_id>/met/",
        views.RequestFulfilView.as_view(),
        name="request-fulfil",
    ),
    path(f"{REVIEW}mark-final/", views.MarkFinalView.as_view(), name="mark-final"),
]
