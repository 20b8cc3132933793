"""WSGI entry point (gunicorn ``cspr.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspr.settings.production")

application = get_wsgi_application()
