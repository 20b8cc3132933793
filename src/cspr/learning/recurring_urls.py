from django.urls import path

from cspr.learning import recurring_views

app_name = "recurring"

urlpatterns = [
    path("", recurring_views.RecurringThemesView.as_view(), name="partnership"),
]
