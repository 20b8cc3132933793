from django.urls import path

from cspr.clock import views

app_name = "clock"

SETTINGS = "p/<slug:partnership_slug>/deadline-settings/"

urlpatterns = [
    path("deadlines/", views.RulesPageView.as_view(), name="rules"),
    path("deadlines/bank-holidays/", views.BankHolidaysView.as_view(), name="bank-holidays"),
    path(
        "deadlines/bank-holidays/<int:holiday_id>/remove/",
        views.BankHolidayRemoveView.as_view(),
        name="bank-holiday-remove",
    ),
    path(SETTINGS, views.RuleSettingsView.as_view(), name="settings"),
    path(f"{SETTINGS}<str:rule_id>/", views.RuleSettingEditView.as_view(), name="setting-edit"),
    path(
        f"{SETTINGS}<str:rule_id>/reset/",
        views.RuleSettingResetView.as_view(),
        name="setting-reset",
    ),
]
