"""CSPR's URLs. Every pattern is either public or needs a permission; see
``tests/core/test_every_url_is_guarded.py``."""

from django.urls import include, path

from cspr.partnerships.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("cspr.accounts.urls")),
    path("", include("cspr.core.urls")),
    path("", include("cspr.clock.urls")),
    path("p/<slug:partnership_slug>/", include("cspr.partnerships.urls")),
    path("p/<slug:partnership_slug>/audit/", include("cspr.audit.urls")),
    path("p/<slug:partnership_slug>/cases/", include("cspr.cases.urls")),
    path("p/<slug:partnership_slug>/cases/", include("cspr.rapid_reviews.urls")),
    path("p/<slug:partnership_slug>/disputes/", include("cspr.disputes.urls")),
    path("p/<slug:partnership_slug>/", include("cspr.reviews.urls")),
    path(
        "p/<slug:partnership_slug>/cases/<str:reference>/review/chronology/",
        include("cspr.chronology.urls"),
    ),
    path(
        "p/<slug:partnership_slug>/cases/<str:reference>/review/documents/",
        include("cspr.documents.urls"),
    ),
    path(
        "p/<slug:partnership_slug>/cases/<str:reference>/review/publication/",
        include("cspr.publication.urls"),
    ),
    path(
        "p/<slug:partnership_slug>/cases/<str:reference>/review/learning/",
        include("cspr.briefings.urls"),
    ),
    path("p/<slug:partnership_slug>/", include("cspr.actions.urls")),
    path("p/<slug:partnership_slug>/retention/", include("cspr.backups.urls")),
    path("published/", include("cspr.publication.public_urls")),
    # Before the learning library's "learning/" pages.
    path("learning/briefings/", include("cspr.briefings.public_urls")),
    path("p/<slug:partnership_slug>/learning/", include("cspr.learning.urls")),
    path("themes/", include("cspr.learning.theme_urls")),
    path("learning/recurring-themes/", include("cspr.learning.recurring_public_urls")),
    path(
        "p/<slug:partnership_slug>/recurring-themes/",
        include("cspr.learning.recurring_urls"),
    ),
    path("learning/", include("cspr.learning.public_urls")),
]

handler400 = "cspr.core.errors_views.bad_request"
handler403 = "cspr.core.errors_views.permission_denied"
handler404 = "cspr.core.errors_views.page_not_found"
handler500 = "cspr.core.errors_views.server_error"
