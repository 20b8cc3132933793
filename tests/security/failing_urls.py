"""CSPR's URLs plus one page that fails, to see the server error page and what is logged."""

from django.urls import path

from cspr.urls import urlpatterns as cspr_urlpatterns
from tests.security.test_hardening import failing_view

urlpatterns = [path("failing/", failing_view), *cspr_urlpatterns]

handler400 = "cspr.core.errors_views.bad_request"
handler403 = "cspr.core.errors_views.permission_denied"
handler404 = "cspr.core.errors_views.page_not_found"
handler500 = "cspr.core.errors_views.server_error"
