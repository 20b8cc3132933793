"""Public information pages."""

from django.views.generic import TemplateView

from cspr.core.views import PublicViewMixin


class AccessibilityStatementView(PublicViewMixin, TemplateView):
    template_name = "core/accessibility.html"


class PrivacyNoticeView(PublicViewMixin, TemplateView):
    template_name = "core/privacy.html"
