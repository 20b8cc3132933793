from django.urls import path  # noqa: F401

app_name = "rapid_reviews"

urlpatterns: list[object] = []
