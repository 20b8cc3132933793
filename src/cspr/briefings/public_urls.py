"""The public pages of published learning products, under ``learning/briefings/``: no sign-in
needed. Mounted before the learning library's ``learning/`` pages."""

from django.urls import path

from cspr.briefings import public_views

app_name = "public_briefings"

urlpatterns = [
    path("", public_views.PublicProductListView.as_view(), name="list"),
    path("<slug:slug>/", public_views.PublicProductView.as_view(), name="detail"),
    path("<slug:slug>/pdf/", public_views.PublicProductPdfView.as_view(), name="pdf"),
]
