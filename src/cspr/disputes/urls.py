from django.urls import path

from cspr.disputes import views

app_name = "disputes"

DISPUTE = "<int:dispute_id>/"

urlpatterns = [
    path("", views.DisputeListView.as_view(), name="list"),
    path("case/<str:reference>/raise/", views.DisputeRaiseView.as_view(), name="raise"),
    path(DISPUTE, views.DisputeDetailView.as_view(), name="detail"),
    path(f"{DISPUTE}close-stage/", views.StageCloseView.as_view(), name="close-stage"),
]
