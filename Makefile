# SPDX-License-Identifier: EUPL-1.2
# The two commands: `make run` (product with demo data) and `make test` (whole suite). `make check` = CI.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
MANAGE := cd src && ../$(PY) manage.py
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help run cluster test test-fast check lint types bench openapi lint-openapi messages messages-check clean setup

help:
	@echo "make run    - set up, load demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make cluster - like run, but two app servers behind HAProxy, Redis, PostgreSQL (docs/operations.md)"
	@echo "make test   - set up and run the whole test suite (DATABASE_URL chooses the database)"
	@echo "make test-fast - the inner loop: no browser, Spark or slow tests; SQLite, parallel (PYTEST_ARGS=--lf)"
	@echo "make check  - lint, types, OpenAPI lint and tests, exactly as CI"

$(UV):
	@PYBIN=$$(scripts/find-python.sh) && "$$PYBIN" -m venv .tools && .tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	@PYBIN=$$(scripts/find-python.sh) && $(UV) sync --frozen --inexact --python "$$PYBIN" --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

src/weerbaar/static/vendor/MANIFEST.json: node_modules/.installed scripts/build-static.mjs
	npm run --silent build

setup: $(VENV)/.synced src/weerbaar/static/vendor/MANIFEST.json
	@$(MANAGE) compile_translations

run: setup
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) createcachetable
	@$(MANAGE) load_demo
	@$(MANAGE) collectstatic --noinput -v0 --settings=config.settings.run
	@echo "Background worker (outbox mail) starting; web server on http://127.0.0.1:$(PORT)"
	@cd src && (../$(PY) manage.py db_worker --queue-name default >/dev/null 2>&1 & echo $$! > ../var/worker.pid) && \
	  trap 'kill $$(cat ../var/worker.pid) 2>/dev/null' EXIT INT TERM && \
	  WEERBAAR_BASE_URL=http://127.0.0.1:$(PORT) ../$(PY) -m gunicorn config.wsgi:application --env DJANGO_SETTINGS_MODULE=config.settings.run --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - --access-logformat '{"time":"%(t)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"duration_ms":%(M)s}'

# Several app servers on one machine: HAProxy on $(PORT) with health checks, two gunicorn servers on $(PORT)+1
# and +2, Redis, PostgreSQL (DATABASE_URL), the task worker and the demo data; Ctrl-C stops it all.
cluster: setup
	@PORT=$(PORT) bash scripts/cluster.sh

# The Spark engine's tests need the `spark` group (pyspark bundles Spark: a 455 MB download, once); only
# `make test` installs it, `make run` does not. Spark itself needs a Java runtime (17 or 21).
$(VENV)/.synced-spark: $(VENV)/.synced
	@PYBIN=$$(scripts/find-python.sh) && $(UV) sync --frozen --inexact --group spark --python "$$PYBIN" --quiet
	@touch $@

test: setup $(VENV)/.synced-spark
	$(PY) -m pytest $(PYTEST_ARGS)

# The inner loop (docs/testing.md): what `make test` runs minus the browser, Spark and slow tests, on SQLite in
# memory, one worker per core. `make test-fast PYTEST_ARGS=--lf` reruns only the tests that failed last time.
# It needs the Spark group as well: pytest imports every test module before the markers deselect its tests.
FAST_MARKERS := not e2e and not spark and not slow
test-fast: setup $(VENV)/.synced-spark
	DATABASE_URL=sqlite:///var/test.sqlite3 $(PY) -m pytest -p xdist -n auto -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=src $(VENV)/bin/lint-imports --no-cache --no-logo pyproject.toml

types: $(VENV)/.synced
	cd src && ../$(VENV)/bin/mypy .

openapi: setup
	@cd src && WEERBAAR_BASE_URL=https://weerbaar.example.org ../$(PY) manage.py spectacular --format openapi-json --file ../openapi.json --validate --fail-on-warn

lint-openapi: openapi node_modules/.installed
	npm run --silent lint:openapi

check: lint types lint-openapi messages-check test

# Refresh the catalogues and list Dutch translations still missing.
messages: $(VENV)/.synced
	bash src/locale/update.sh

# Fails when a UI string has no Dutch translation (needs GNU gettext's xgettext).
messages-check: $(VENV)/.synced
	bash src/locale/update.sh --strict >/dev/null

bench: setup
	@PYBIN=$$(scripts/find-python.sh) && $(UV) sync --frozen --inexact --group bench --python "$$PYBIN" --quiet
	$(PY) bench/signals_api.py
	$(PY) bench/stack_limit.py
	$(PY) bench/cases_scoped.py
	$(PY) bench/partner_start.py
	$(PY) bench/training_completion.py
	$(PY) bench/resilience_scan.py
	$(PY) bench/insights.py
	$(PY) bench/correlation/run.py
	$(PY) bench/correlation/run.py --sizes 100000 --profile hard
	$(PY) bench/correlation/febrl.py
	$(PY) bench/correlation/screening.py --records 1000000 --queries 2000
	$(PY) bench/correlation/online.py --records 1000000 --adds 500 --queries 500

clean:
	rm -rf $(VENV) .tools node_modules src/weerbaar/static/vendor var
