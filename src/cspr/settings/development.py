"""Development: runs with no configuration at all (SQLite in the working folder, e-mail to the
console). Never used in production: the secret key below is public."""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env_list, mailers_from_env, without_whitenoise

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "development-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
CSPR_PRINT_DEMO_PASSWORDS = True
MIDDLEWARE = without_whitenoise(MIDDLEWARE)
# Background tasks run at once in development, so no worker is needed; production runs
# `manage.py db_worker` with the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
