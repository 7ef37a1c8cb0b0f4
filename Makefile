# Two commands from a fresh clone: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test test-postgres test-browser lint format install clean mutation

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
	$(BIN)/python manage.py runserver 127.0.0.1:8000

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
