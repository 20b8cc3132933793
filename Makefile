# CSPR: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
FRONTEND := build/static/app.css
# Two processes on the two cores CI has (pytest-xdist); PYTEST_ARGS= runs in one process.
PYTEST_ARGS ?= -n auto
# The browser journeys run in the SQLite pass; the PostgreSQL pass runs everything else, to keep
# CI inside its 20 minutes. `make test-postgres POSTGRES_MARKS=` runs them there too.
POSTGRES_MARKS ?= not browser

.PHONY: help install run test test-sqlite test-postgres test-browser check lint format typecheck bench lock clean

help:
	@echo "make run        install everything, migrate, load the demo and serve on http://127.0.0.1:8000"
	@echo "make test       install everything and run the whole suite (SQLite, then PostgreSQL if reachable)"
	@echo "make check      ruff, ruff format --check, mypy, makemigrations --check, check --deploy"
	@echo "make bench      run the benchmarks under bench/"
	@echo "make lock       re-pin the Python dependencies (requirements*.txt)"

$(PY):
	@python=$$(scripts/find-python) && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(PIP_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(FRONTEND): $(NODE_STAMP) $(wildcard frontend/*)
	npm run --silent build

install: $(PIP_STAMP) $(FRONTEND)

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install test-sqlite test-postgres

test-sqlite: install
	@echo "== Test suite on SQLite =="
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	@if url=$$($(PY) scripts/postgres-url); then \
		echo "== Test suite on PostgreSQL ($$url) =="; \
		DATABASE_URL=$$url $(PY) -m pytest $(PYTEST_ARGS) $(if $(POSTGRES_MARKS),-m "$(POSTGRES_MARKS)"); \
	elif [ -n "$$CSPR_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required here (CSPR_REQUIRE_POSTGRES is set) but is not reachable." >&2; exit 1; \
	else \
		echo "== PostgreSQL is not reachable, so the PostgreSQL pass was SKIPPED (set TEST_POSTGRES_URL to point at one) =="; \
	fi

test-browser: install
	$(PY) -m pytest -m browser tests/browser

check: install lint typecheck
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=cspr.example DJANGO_SETTINGS_MODULE=cspr.settings.production \
		$(PY) manage.py check --deploy --fail-level WARNING

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: install
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/bench_statutory.py
	$(PY) bench/bench_chronology.py
	$(PY) bench/bench_themes.py

lock: | $(PY)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes requirements.in -o requirements.txt
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf $(VENV) node_modules build staticfiles test-results
