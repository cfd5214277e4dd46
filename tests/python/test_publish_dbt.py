"""The pipeline with a real `dbt build` in a child process.

A tiny throw-away dbt project checks the dbt step itself (SIGKILL mid-build, exit code 3
on a failing test, nothing published); the slow test builds the real project on the
hand-made edge-case deliveries (tests/fixtures/deliveries_edge) with IMW_RECONCILE=0.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, pipeline_env, run_pipeline, write_delivery

EDGE = REPO / "tests" / "fixtures" / "deliveries_edge"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def tiny_project(root: Path) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "dbt_project.yml").write_text(
        "name: tiny\nversion: '1.0'\nconfig-version: 2\nprofile: tiny\n"
        "flags:\n  send_anonymous_usage_stats: false\n"
    )
    (root / "profiles.yml").write_text(
        "tiny:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n"
        "      path: \"{{ env_var('IMW_BUILD_PATH') }}\"\n      threads: 1\n"
    )
    (root / "models" / "answer.sql").write_text("select 42 as answer\n")
    # published: only the interface schemas, so the models go to `marts`
    (root / "macros").mkdir()
    (root / "macros" / "generate_schema_name.sql").write_text(
        "{% macro generate_schema_name(custom_schema_name, node) %}marts{% endmacro %}\n"
    )
    return root


@pytest.mark.slow
@pytest.mark.skipif(not EDGE.is_dir(), reason="tests/fixtures/deliveries_edge not there yet")
def test_edge_deliveries_monthly_incremental_run(tmp_path: Path):
    """The real project through the pipeline: publish, add a delivery (incremental build
    from a copy of the last build in the build store), then nothing to do. That incremental equals a
    full refresh is test_warehouse_incremental.py's (dbt level)."""
    extracts = tmp_path / "extracts"
    shutil.copytree(EDGE, extracts)
    complete = sorted(p.parent.name for p in extracts.glob("*/_manifest.json"))
    assert len(complete) >= 2, "the edge fixture needs two complete deliveries"
    hold = tmp_path / "hold"
    hold.mkdir()
    later = complete[1:]
    for name in later:  # first publish only the oldest delivery
        (extracts / name).rename(hold / name)
    env = pipeline_env(
        tmp_path,
        extracts,
        IMW_PROJECT_DIR=str(REPO),
        DBT_PROFILES_DIR=str(REPO),
        IMW_GATE_EXPECTATIONS="1",
    )
    del env["IMW_BUILD_STEP"]
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])

    first = run_pipeline(env, timeout=300)
    assert first.returncode == 0, first.stdout[-5000:] + first.stderr[-5000:]
    assert "full refresh (nothing built yet in the build store" in first.stdout
    assert "expectations" in first.stdout  # the GX per-file summary
    reference = query(warehouse, "select distinct reference_date from reporting.deck_figures")
    assert [str(r[0]) for r in reference] == [complete[0]]
    for name in later:
        (hold / name).rename(extracts / name)

    monthly = run_pipeline(dict(env, IMW_GATE_EXPECTATIONS="0"), timeout=300)
    assert monthly.returncode == 0, monthly.stdout[-5000:]
    assert f"{len(later)} validated, 1 unchanged" in monthly.stdout
    assert "incremental, from a copy of the last build" in monthly.stdout
    assert "quarantine summary (audit.row_reconciliation" in monthly.stdout
    reference = query(warehouse, "select distinct reference_date from reporting.deck_figures")
    assert [str(r[0]) for r in reference] == [complete[-1]]
    assert query(warehouse, "select count(*) from audit.pipeline_deliveries") == [(len(complete),)]

    nothing = run_pipeline(env, timeout=60)
    assert nothing.returncode == 0 and "nothing to do" in nothing.stdout
    report = Path(env["IMW_REPORTS_DIR"]) / "validation" / f"{complete[0]}.html"
    assert report.exists()


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def test_real_dbt_killed_or_failing_never_touches_the_published_file(tmp_path: Path):
    """SIGKILL mid-build takes the dbt child along; a failing dbt test exits 3."""
    import os
    import signal
    import subprocess
    import sys
    import time

    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31")
    project = tiny_project(tmp_path / "project")
    env = pipeline_env(
        tmp_path, extracts, IMW_PROJECT_DIR=str(project), DBT_PROFILES_DIR=str(project)
    )
    del env["IMW_BUILD_STEP"]
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    assert run_pipeline(env).returncode == 0
    before = sha256(warehouse)

    # a model that keeps DuckDB busy for a while
    (project / "models" / "slow.sql").write_text(
        "{{ config(materialized='table') }}\n"
        "select count(*) as n from range(200000) a cross join range(200000) b "
        "where (a.range * b.range) % 7919 = 1\n"
    )
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "run_pipeline.py")],
        env=env,
        stdout=(tmp_path / "killed.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    build_file = warehouse.parent / "warehouse.private" / "run" / "private.new.duckdb"
    deadline = time.monotonic() + 90
    dbt = []
    while time.monotonic() < deadline and proc.poll() is None:
        dbt = _children(proc.pid)
        if dbt and build_file.exists():
            break
        time.sleep(0.1)
    assert dbt and proc.poll() is None, "dbt did not start"
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in dbt) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [
        pid
        for pid in dbt
        if Path(f"/proc/{pid}/status").exists()
        and "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    ]
    assert alive == [], "dbt outlived the killed pipeline"
    assert sha256(warehouse) == before, (tmp_path / "killed.log").read_text()
    assert query(warehouse, "select answer from marts.answer") == [(42,)]

    # next run: cleans up, builds, but a dbt test fails -> exit 3, nothing published
    (project / "models" / "slow.sql").write_text("select 1 as n\n")
    (project / "tests" / "answer_is_41.sql").write_text(
        "select * from {{ ref('answer') }} where answer <> 41\n"
    )
    failed = run_pipeline(env)
    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "removed leftovers of an interrupted run" in failed.stdout
    assert "full refresh (code changed)" in failed.stdout
    assert "test.tiny.answer_is_41 (fail)" in failed.stdout
    assert "nothing published" in failed.stdout
    assert sha256(warehouse) == before, failed.stdout

    (project / "tests" / "answer_is_41.sql").unlink()
    result = run_pipeline(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert query(warehouse, "select n from marts.slow") == [(1,)]


def test_bare_dbt_writes_the_development_file_never_the_published_one(tmp_path: Path):
    """What dbt users and other orchestrators run, `dbt seed` / `dbt build` with no
    IMW_BUILD_PATH: the default target writes data/dev/warehouse.duckdb (relative to where
    dbt runs; its folder is created), never IMW_WAREHOUSE_PATH."""
    published = tmp_path / "published" / "warehouse.duckdb"
    env = {key: value for key, value in os.environ.items() if key != "IMW_BUILD_PATH"} | {
        "IMW_WAREHOUSE_PATH": str(published),
        "DBT_PROFILES_DIR": str(REPO),
        "DO_NOT_TRACK": "1",
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "seed",
            "--select",
            "ref_premium_types",
            "--project-dir",
            str(REPO),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    development = tmp_path / "data" / "dev" / "warehouse.duckdb"
    con = duckdb.connect(str(development), read_only=True)
    try:
        assert con.execute("select count(*) from reference.ref_premium_types").fetchone()[0] > 0
    finally:
        con.close()
    assert not published.exists() and not published.parent.exists()
