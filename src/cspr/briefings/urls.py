"""The learning products of one review, under
``p/<partnership_slug>/cases/<reference>/review/learning/``. ``kind`` is
"learning-on-a-page" or "7-minute-briefing"."""

from django.urls import path

from cspr.briefings import views

app_name = "briefings"

PRODUCT = "<slug:kind>/"

urlpatterns = [
    path("", views.ProductsView.as_view(), name="list"),
    path(f"{PRODUCT}draft/", views.ProductDraftView.as_view(), name="draft"),
    path(PRODUCT, views.ProductDetailView.as_view(), name="detail"),
    path(f"{PRODUCT}change/", views.ProductEditView.as_view(), name="edit"),
    path(f"{PRODUCT}approve/", views.ProductApproveView.as_view(), name="approve"),
    path(f"{PRODUCT}publish/", views.ProductPublishView.as_view(), name="publish"),
    path(f"{PRODUCT}withdraw/", views.ProductWithdrawView.as_view(), name="withdraw"),
    path(f"{PRODUCT}return-to-draft/", views.ProductReopenView.as_view(), name="reopen"),
    path(f"{PRODUCT}pdf/", views.ProductPdfView.as_view(), name="pdf"),
    path(f"{PRODUCT}deliveries/", views.DeliveriesView.as_view(), name="deliveries"),
    path(f"{PRODUCT}deliveries/add/", views.DeliveryAddView.as_view(), name="delivery-add"),
]
