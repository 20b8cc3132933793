"""Error pages: generic words, no personal data, no stack trace."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A POST without its CSRF token (``CSRF_FAILURE_VIEW``): a page left open too long, or a
    forged request. Nothing was saved; the reason is not shown."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Rendered without the request's context: whatever failed (the database, say) must not
    fail again here."""
    html = loader.get_template("500.html").render({"service_name": settings.SERVICE_NAME})
    return HttpResponse(html, status=500)
