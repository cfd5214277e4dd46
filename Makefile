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

.PHONY: run test venv deliveries build lint clean

$(STAMP): requirements.in constraints.txt
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.in -c constraints.txt
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

lint: $(STAMP)
	$(VENV)/bin/ruff check src scripts tests/python
	$(VENV)/bin/sqlfluff lint models macros tests analyses

test: $(STAMP)
	$(MAKE) lint
	$(PY) -m pytest -q tests/python

clean:
	rm -rf target logs data/build
