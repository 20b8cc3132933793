from django.urls import path

from cspr.core import pages

app_name = "core"

urlpatterns = [
    path("accessibility/", pages.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", pages.PrivacyNoticeView.as_view(), name="privacy"),
]
