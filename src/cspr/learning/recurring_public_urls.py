from django.urls import path

from cspr.learning import recurring_views

app_name = "recurring_public"

urlpatterns = [
    path("", recurring_views.PublicRecurringThemesView.as_view(), name="library"),
]
