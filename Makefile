# Civic Hub — every target a newcomer or CI needs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(shell command -v $(PYTHON))

.PHONY: install run dev test test-unit test-e2e lint format messages bench seed clean help

help:
	@echo "make run    install, migrate, load the demo hub, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   install and run the whole suite (unit, HTTP, browser)"
	@echo "make lint   ruff, mypy, makemigrations --check"
	@echo "make bench  seed benchmark data and measure pages with wrk"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed

var/static/staticfiles.json: $(VENV)/.installed node_modules/.installed $(shell find civichub -path '*/static/*' -type f 2>/dev/null)
	DJANGO_SETTINGS_MODULE=civichub.settings.dev $(MANAGE) collectstatic --noinput --verbosity 0
	@touch $@

# The demo runs as a visitor would see it in production (DEBUG off, hashed static
# files, designed error pages) on the embedded SQLite database. `make dev` gives
# the auto-reloading debug server instead.
run: install var/static/staticfiles.json
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	PORT=$(PORT) bin/serve

dev: install
	$(MANAGE) migrate --noinput
	DEBUG=True $(MANAGE) runserver 127.0.0.1:$(PORT)

seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

# Debian packages that pip and npm cannot provide (Chromium for the browser tests).
.PHONY: install-system
install-system:
	bin/install-system-deps

# On every core (pytest-xdist, ADR 0005). --dist load hands tests out in collection
# order, which pytest-django sorts transactional tests to the end of: each worker runs
# them after its other tests, as Django's own runner does.
PYTEST_PARALLEL := -n auto --dist load

test: install-system install
	$(VENV)/bin/pytest $(PYTEST_PARALLEL)

test-unit: install
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) -m "not e2e"

test-e2e: install-system install
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) -m e2e

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy civichub bench tests
	DJANGO_SETTINGS_MODULE=civichub.settings.test $(MANAGE) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(MANAGE) makemessages --locale en --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore '.tools/*' --ignore 'node_modules/*' --ignore 'var/*' \
		--ignore 'tests/*' --ignore 'bench/*' --ignore 'docs/*'
	$(MANAGE) compilemessages --locale en --locale it --ignore '.venv/*' --ignore '.tools/*' --ignore 'node_modules/*'

bench: install var/static/staticfiles.json
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf var/static var/test-media .pytest_cache .mypy_cache .ruff_cache
