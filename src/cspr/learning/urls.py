"""The business unit's pages of the learning library, under ``p/<slug>/learning/``."""

from django.urls import path

from cspr.learning import views

app_name = "learning"

ITEM = "items/<int:item_id>/"

urlpatterns = [
    path("", views.ItemListView.as_view(), name="list"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("batches/<int:batch_id>/", views.BatchView.as_view(), name="batch"),
    path(ITEM, views.ItemEditView.as_view(), name="item"),
    path(f"{ITEM}publish/", views.ItemPublishView.as_view(), name="publish"),
    path(f"{ITEM}withdraw/", views.ItemWithdrawView.as_view(), name="withdraw"),
]
