"""Production: refuses to start without a real secret key and allowed hosts, serves only over
HTTPS, and keeps cookies secure."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, STORAGES, env_bool

MIN_SECRET_KEY_LENGTH = 50
INSECURE_MARKERS = ("insecure", "development", "changeme", "secret", "test")


def require_real_secret_key(key: str) -> str:
    """Refuse an empty, short or obviously placeholder secret key."""
    lowered = key.lower()
    if (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < 5
        or any(marker in lowered for marker in INSECURE_MARKERS)
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters for production. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    return key


SECRET_KEY = require_real_secret_key(SECRET_KEY)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "cspr.core.storage.StaticStorage"},
}
CSPR_PRINT_DEMO_PASSWORDS = False
