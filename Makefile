# Two commands from a fresh clone: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run serve test test-postgres test-browser lint format install clean mutation

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@# The notices worker (django-tasks) beside the web server, stopped when the server stops.
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

# The production configuration, locally: gunicorn on 127.0.0.1:8000 and the task worker, with
# static files from whitenoise, on PostgreSQL when DATABASE_URL is set (an SQLite file under
# var/ otherwise). A throwaway secret key, and plain HTTP, unless the environment says otherwise.
SERVE_ENV = DJANGO_SETTINGS_MODULE=registry.settings.production \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/var/registry.sqlite3} \
	SECRET_KEY=$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	REGISTRY_REQUIRE_VIRUS_SCAN=$${REGISTRY_REQUIRE_VIRUS_SCAN:-false}

serve: $(STAMP)
	mkdir -p var
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@# The task worker (notices, text extraction) beside gunicorn, stopped when it stops.
	$(SERVE_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(SERVE_ENV) $(BIN)/gunicorn -c python:registry.gunicorn_config registry.wsgi

CHROMIUM ?= /usr/bin/chromium

# The whole suite on SQLite: unit and integration tests, then the browser tests in a run of
# their own (Playwright's sync API leaves an event loop running in the process).
test: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"
	$(MAKE) --no-print-directory test-browser

test-browser: $(STAMP)
	@if [ -x "$(CHROMIUM)" ]; then \
	  DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/python -m pytest -m browser tests/browser; \
	else \
	  echo "Browser tests skipped: Chromium is not at $(CHROMIUM) (apt-get install -y chromium)."; \
	fi

# The same suite against PostgreSQL (DATABASE_URL, default: the local server, trust auth).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/registry} \
	  $(BIN)/python -m pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Mutation testing of the pure packages (practice_directions/rules/, filings/validation/), not
# part of `make test` or CI: it takes long. Configuration in pyproject.toml ([tool.mutmut]);
# the score and the survivors, each with why, are recorded in docs/testing.md.
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
