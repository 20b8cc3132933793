"""The public learning library, under ``learning/``: no sign-in needed."""

from django.urls import path

from cspr.learning import views

app_name = "library"

urlpatterns = [
    path("", views.LibrarySearchView.as_view(), name="search"),
    path("<int:item_id>/", views.LibraryItemView.as_view(), name="item"),
]
