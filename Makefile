# The two commands a newcomer needs: `make run` (main job) and `make test` (what CI checks).
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export IMW_EXTRACTS_DIR ?= $(CURDIR)/data/extracts
export IMW_WAREHOUSE_PATH ?= $(CURDIR)/data/warehouse.duckdb
export DBT_PROFILES_DIR ?= $(CURDIR)
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export PYTHONPATH := $(CURDIR)/src

.PHONY: run test venv deliveries build lint lint-dbt clean orchestrate

$(STAMP): requirements.in constraints.txt pyproject.toml
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.in -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

# Writes the sample deliveries only when the extracts folder holds none.
deliveries: $(STAMP)
	@if ls "$(IMW_EXTRACTS_DIR)"/*/_manifest.json >/dev/null 2>&1; then \
		echo "deliveries: found in $(IMW_EXTRACTS_DIR), not generating"; \
	else \
		$(PY) scripts/generate_deliveries.py --out "$(IMW_EXTRACTS_DIR)"; \
	fi

# Validate the deliveries, build and test the warehouse into a new file, publish it.
build: $(STAMP)
	$(PY) scripts/run_pipeline.py

run: deliveries build

# ruff, sqlfluff and mypy (strict on src/), as the hooks of .pre-commit-config.yaml run
# them: every hook is the venv's own binary, so nothing downloads; pre-commit's cache stays
# in target/ (git-ignored).
lint: $(STAMP)
	PRE_COMMIT_HOME=$(CURDIR)/target/pre-commit $(VENV)/bin/pre-commit run --all-files --show-diff-on-failure
	$(MAKE) --no-print-directory lint-dbt

# The community's dbt checkers over the manifest that `dbt parse` writes (no database, no
# build): dbt-score (pyproject.toml [tool.dbt-score], fails below 9.0), dbt-bouncer
# (dbt-bouncer.yml, fails on an error) and the rules of dbt-project-evaluator
# (scripts/check_project_rules.py; README, Development).
lint-dbt: $(STAMP)
	$(VENV)/bin/dbt parse --quiet
	$(VENV)/bin/dbt-score lint --manifest target/manifest.json --show failing-items
	COLUMNS=160 $(VENV)/bin/dbt-bouncer run --config-file dbt-bouncer.yml
	$(PY) scripts/check_project_rules.py target/manifest.json

# pytest on PYTEST_WORKERS processes (pytest-xdist; 0 runs them in this one), the modules
# grouped as tests/python/conftest.py says.
PYTEST_WORKERS ?= 2
test: $(STAMP)
	$(MAKE) lint
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder tests/python

# Dagster (issue 14): the code location imw.orchestration on http://127.0.0.1:3000, with
# the sample deliveries (generated if there are none). Its instance (runs, sensor cursor,
# logs) lives in data/dagster (DAGSTER_HOME). Materialise from the command line instead:
#   .venv/bin/dagster asset materialize -m imw.orchestration --select '*'
DAGSTER_PORT ?= 3000
orchestrate: deliveries
	mkdir -p "$(or $(DAGSTER_HOME),$(CURDIR)/data/dagster)"
	DAGSTER_HOME="$(or $(DAGSTER_HOME),$(CURDIR)/data/dagster)" \
		$(VENV)/bin/dagster dev -m imw.orchestration -h 127.0.0.1 -p $(DAGSTER_PORT)

clean:
	rm -rf target logs data/build

# For the readers of the figures (issue 5). Each reads the published warehouse read-only.
.PHONY: report export docs chromium

# The figure book: data/reports/figure_book.html + deck_figures_public.csv (IMW_REPORTS_DIR).
report: $(STAMP)
	$(PY) scripts/make_report.py

# Marts and reporting as Parquet + views.sql in data/exports (IMW_EXPORTS_DIR).
export: $(STAMP)
	$(PY) scripts/export_bi.py

# dbt docs as one offline page, data/reports/docs.html: every model's documentation and
# lineage, and the catalog (columns, types) of the published file. dbt reads a copy of the
# published file, so it never holds a write connection on it, and does not compile the
# models (the published file holds only the interface, not the staging views that
# compiling reads).
docs: $(STAMP)
	@test -f "$(IMW_WAREHOUSE_PATH)" || { echo "docs: no warehouse at $(IMW_WAREHOUSE_PATH); run make run first"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cp "$(IMW_WAREHOUSE_PATH)" "$$tmp/warehouse.duckdb" && \
	IMW_BUILD_PATH="$$tmp/warehouse.duckdb" $(VENV)/bin/dbt parse --quiet && \
	IMW_BUILD_PATH="$$tmp/warehouse.duckdb" $(VENV)/bin/dbt docs generate --static --no-compile --quiet && \
	mkdir -p "$${IMW_REPORTS_DIR:-data/reports}" && \
	cp target/static_index.html "$${IMW_REPORTS_DIR:-data/reports}/docs.html" && \
	echo "docs: wrote $${IMW_REPORTS_DIR:-data/reports}/docs.html"

# Headless Chromium for the browser test (Debian packages; needs root and the package
# registry). The test calls this when /usr/bin/chromium is missing.
chromium:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		echo "chromium: installed"; \
	else \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi

# Performance: wall time and peak memory per step at scales 1, 10 and 100 (long: the
# 100x run writes ~5.5 GB of deliveries). Results in benchmarks/results.md and .json.
.PHONY: bench
bench: $(STAMP)
	$(PY) scripts/benchmark.py --scales $(or $(BENCH_SCALES),1 10 100) --engines $(or $(BENCH_ENGINES),duckdb)
