"""Production settings refuse to start without a real secret key and allowed hosts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "x7Qp9mZ2" * 8


def start_production(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(DJANGO_SETTINGS_MODULE="cspr.settings.production", **env)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    ["", "short", "development-only-insecure-key-never-use-in-production" * 2, "a" * 60],
)
def test_production_refuses_a_missing_or_placeholder_secret_key(key: str) -> None:
    result = start_production(SECRET_KEY=key, ALLOWED_HOSTS="cspr.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = start_production(SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_real_settings() -> None:
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="cspr.example")
    assert result.returncode == 0, result.stderr
