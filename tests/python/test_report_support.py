"""Shared helpers for the report, export, analyses and semantic-layer tests (no tests here).

`built_warehouse()` finds a built warehouse once per session:

1. env IMW_TEST_WAREHOUSE, if set;
2. the published warehouse (IMW_WAREHOUSE_PATH or data/warehouse.duckdb), when it holds
   reporting.deck_figures (after `make run`);
3. otherwise it builds one with dbt (models and seeds, no tests: ~1 min) into a
   temporary file, from data/extracts, or from freshly generated sample deliveries when
   the repository has none: first with the deliveries up to 30/09/2025 only, then with
   all of them, so that the figure book holds two editions (issue 15).

The file is only ever opened read-only. Tests that need dbt to write (the time spine for
MetricFlow) work on a copy (`warehouse_copy`). `dbt_project_copy()` is a throwaway
project folder (symlinks to the repo's project files, its own target/) so these tests
never touch the repo's target/ that colleagues' dbt runs use.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
DBT = str(VENV_BIN / "dbt")
MF = str(VENV_BIN / "mf")
PROJECT_FILES = (
    "dbt_project.yml",
    ".dbtignore",
    "models",
    "macros",
    "seeds",
    "tests",
    "analyses",
)

# The earlier edition the built warehouse holds besides the newest (the analyses' example).
EARLIER_EDITION = "2025-09-30"

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="imw_report_tests_"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)


def dbt_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(REPO),
            "DO_NOT_TRACK": "1",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "GX_ANALYTICS_ENABLED": "false",
        }
    )
    env.setdefault("IMW_EXTRACTS_DIR", str(REPO / "data" / "extracts"))
    env.update(extra)
    return env


def has_figure_book(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        return con.execute("select count(*) from reporting.deck_figures").fetchone()[0] > 0
    except duckdb.Error:
        return False
    finally:
        con.close()


def _extracts_dir() -> Path:
    extracts = Path(os.environ.get("IMW_EXTRACTS_DIR", REPO / "data" / "extracts"))
    if any(extracts.glob("*/_manifest.json")):
        return extracts
    generated = _SESSION_DIR / "extracts"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_deliveries.py"), "--out", str(generated)],
        check=True,
        cwd=REPO,
        env=dbt_env(PYTHONPATH=str(REPO / "src")),
        timeout=900,
    )
    return generated


@functools.cache
def dbt_project_copy() -> Path:
    """A project folder that shares the repo's project files but has its own target/."""
    project = _SESSION_DIR / "project"
    project.mkdir(exist_ok=True)
    for name in PROJECT_FILES:
        link = project / name
        if not link.exists():
            link.symlink_to(REPO / name)
    return project


def run_dbt(args: list[str], build_path: Path, timeout: float = 600, **env: str):
    project = dbt_project_copy()
    result = subprocess.run(
        [DBT, *args, "--project-dir", str(project)],
        cwd=project,
        env=dbt_env(IMW_BUILD_PATH=str(build_path), DBT_PROJECT_DIR=str(project), **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@functools.cache
def built_warehouse() -> Path:
    explicit = os.environ.get("IMW_TEST_WAREHOUSE")
    if explicit:
        return Path(explicit)
    published = Path(os.environ.get("IMW_WAREHOUSE_PATH", REPO / "data" / "warehouse.duckdb"))
    if has_figure_book(published):
        return published
    target = _SESSION_DIR / "warehouse.duckdb"
    extracts = _extracts_dir()
    build = ["build", "--exclude", "resource_type:test", "resource_type:unit_test"]
    complete = sorted(p.parent.name for p in extracts.glob("*/_manifest.json"))
    earlier = [name for name in complete if name <= EARLIER_EDITION]
    if earlier and earlier != complete:
        # two editions of the figure book, as two monthly runs make them: the first run
        # sees the deliveries up to EARLIER_EDITION only, the second adds the others
        deliveries = json.dumps({"deliveries": ",".join(earlier)})
        run_dbt([*build, "--vars", deliveries], target, timeout=900, IMW_EXTRACTS_DIR=str(extracts))
    run_dbt(build, target, timeout=900, IMW_EXTRACTS_DIR=str(extracts))
    return target


@functools.cache
def warehouse_copy() -> Path:
    """A private copy of the built warehouse that dbt and MetricFlow may open for writing."""
    copy = _SESSION_DIR / "copy" / "warehouse.duckdb"
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(built_warehouse(), copy)
    return copy


def deck_figures(path: Path) -> dict[tuple[str, str], float]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("select figure_id, key, value from reporting.deck_figures").fetchall()
    finally:
        con.close()
    return {(figure_id, key): float(value) for figure_id, key, value in rows}


def reference_date(path: Path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select max(reference_date) from reporting.deck_figures").fetchone()[0]
    finally:
        con.close()
