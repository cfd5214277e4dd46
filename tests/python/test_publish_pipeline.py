"""Write-audit-publish mechanics, with real processes and files.

The dbt call is replaced by `conftest.fake_build` (IMW_BUILD_STEP) so these tests run in
seconds and do not depend on the models; test_publish_e2e.py runs the real dbt build.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, pipeline_env, run_pipeline, write_delivery
from imw.gate import spec


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_deliveries(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [
            r[0] for r in con.execute("select delivery from marts.deliveries order by 1").fetchall()
        ]
    finally:
        con.close()


@pytest.fixture
def setup(tmp_path: Path):
    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31")
    env = pipeline_env(tmp_path, extracts)
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    first = run_pipeline(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert published_deliveries(warehouse) == ["2024-01-31"]
    return extracts, env, warehouse


def start_slow_run(env: dict, tmp_path: Path, seconds: float) -> tuple[subprocess.Popen, Path]:
    marker = tmp_path / "build-started"
    slow = dict(env, FAKE_BUILD_SECONDS=str(seconds), FAKE_BUILD_MARKER=str(marker))
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "run_pipeline.py"), "--force"],
        env=slow,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stdout.read()
        assert time.monotonic() < deadline, "build did not start"
        time.sleep(0.05)
    return proc, marker


def test_no_new_delivery_does_nothing(setup):
    extracts, env, warehouse = setup
    before = (sha256(warehouse), warehouse.stat().st_mtime_ns)
    result = run_pipeline(env, timeout=30)
    assert result.returncode == 0
    assert "nothing to do: no new delivery" in result.stdout
    assert "delivery gate" not in result.stdout and "building" not in result.stdout
    assert (sha256(warehouse), warehouse.stat().st_mtime_ns) == before
    assert not Path(str(warehouse) + ".previous").exists()


def test_new_delivery_builds_incrementally_and_keeps_previous(setup):
    extracts, env, warehouse = setup
    first = sha256(warehouse)
    write_delivery(extracts, "2024-02-29")
    result = run_pipeline(env)
    assert result.returncode == 0, result.stdout
    assert "1 validated, 1 unchanged" in result.stdout
    assert "incremental, from a copy of the last build" in result.stdout
    assert published_deliveries(warehouse) == ["2024-01-31", "2024-02-29"]
    assert sha256(Path(str(warehouse) + ".previous")) == first
    # a re-sent delivery (same content) is not new
    again = run_pipeline(env)
    assert again.returncode == 0 and "nothing to do" in again.stdout


def test_changed_published_delivery_forces_full_refresh(setup):
    extracts, env, warehouse = setup
    write_delivery(extracts, "2024-02-29")
    manifest = extracts / "2024-01-31" / spec.MANIFEST
    manifest.write_text(json.dumps(json.loads(manifest.read_text()), indent=4))
    result = run_pipeline(env)
    assert result.returncode == 0, result.stdout
    assert "full refresh (a published delivery changed or disappeared)" in result.stdout
    assert "2 validated" in result.stdout


def test_refused_delivery_leaves_published_file_untouched(setup):
    extracts, env, warehouse = setup
    before = sha256(warehouse)
    folder = write_delivery(extracts, "2024-02-29")
    path = folder / "afrekeningen.csv"
    path.write_bytes(path.read_bytes().replace(b"1.234,56", b"1.234,65"))
    result = run_pipeline(env)
    assert result.returncode == 2, result.stdout
    assert "REFUSE 2024-02-29/afrekeningen.csv: sha256 mismatch" in result.stdout
    assert "control total mismatch" in result.stdout
    assert sha256(warehouse) == before
    report = Path(env["IMW_REPORTS_DIR"]) / "validation" / "2024-02-29.md"
    assert "REFUSED" in report.read_text()


def test_failing_build_leaves_published_file_untouched(setup):
    extracts, env, warehouse = setup
    before = sha256(warehouse)
    write_delivery(extracts, "2024-02-29")
    result = run_pipeline(dict(env, FAKE_BUILD_FAIL="1"))
    assert result.returncode == 3, result.stdout
    assert "fake test failure" in result.stdout
    assert sha256(warehouse) == before
    assert published_deliveries(warehouse) == ["2024-01-31"]
    assert run_pipeline(env).returncode == 0
    assert published_deliveries(warehouse) == ["2024-01-31", "2024-02-29"]


def test_second_run_is_refused_while_the_first_holds_the_lock(setup, tmp_path):
    extracts, env, warehouse = setup
    first, _ = start_slow_run(env, tmp_path, seconds=30)
    try:
        second = run_pipeline(env, "--force", timeout=30)
        assert second.returncode == 4
        assert "another pipeline run holds" in second.stdout
        assert f"pid {first.pid}" in second.stdout
    finally:
        first.kill()
        first.wait()
        first.stdout.close()


def test_sigkill_mid_build_leaves_published_file_intact(setup, tmp_path):
    extracts, env, warehouse = setup
    write_delivery(extracts, "2024-02-29")
    before = sha256(warehouse)
    proc, _ = start_slow_run(env, tmp_path, seconds=60)
    build_file = warehouse.parent / "warehouse.private" / "run" / "private.new.duckdb"
    assert build_file.exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert sha256(warehouse) == before
    assert published_deliveries(warehouse) == ["2024-01-31"]  # readable, old content
    result = run_pipeline(env)
    assert result.returncode == 0, result.stdout
    assert "removed leftovers of an interrupted run" in result.stdout
    assert published_deliveries(warehouse) == ["2024-01-31", "2024-02-29"]


def test_reader_keeps_its_view_while_a_build_publishes(setup):
    extracts, env, warehouse = setup
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        count = "select count(*) from marts.deliveries"
        assert reader.execute(count).fetchone() == (1,)
        write_delivery(extracts, "2024-02-29")
        result = run_pipeline(env)  # not blocked by the open reader
        assert result.returncode == 0, result.stdout
        assert reader.execute(count).fetchone() == (1,)  # old, consistent view
        assert reader.execute("select count(*) from marts.filler").fetchone() == (200000,)
    finally:
        reader.close()
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert reader.execute(count).fetchone() == (2,)  # new version after reconnect
    finally:
        reader.close()


def test_rollback_restores_previous_version(setup):
    extracts, env, warehouse = setup
    first = sha256(warehouse)
    write_delivery(extracts, "2024-02-29")
    assert run_pipeline(env).returncode == 0
    second = sha256(warehouse)
    result = run_pipeline(env, "--rollback")
    assert result.returncode == 0, result.stdout
    assert sha256(warehouse) == first
    assert sha256(Path(str(warehouse) + ".rolled-back")) == second
    assert published_deliveries(warehouse) == ["2024-01-31"]


def test_rollback_without_previous_is_an_error(setup):
    extracts, env, warehouse = setup
    before = sha256(warehouse)
    result = run_pipeline(env, "--rollback")
    assert result.returncode == 1
    assert "no previous version" in result.stdout
    assert sha256(warehouse) == before


def test_no_complete_delivery_is_an_error(tmp_path):
    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31", manifest=False)
    env = pipeline_env(tmp_path, extracts)
    result = run_pipeline(env)
    assert result.returncode == 1
    assert "no _manifest.json, ignored" in result.stdout
    assert "no complete delivery" in result.stdout
    assert not Path(env["IMW_WAREHOUSE_PATH"]).exists()


def test_delivery_landing_during_the_build_is_not_published_unvalidated(setup, tmp_path):
    extracts, env, warehouse = setup
    before = sha256(warehouse)
    proc, _ = start_slow_run(env, tmp_path, seconds=2)
    write_delivery(extracts, "2024-02-29")  # lands while the build runs
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1, output
    assert "deliveries changed while the build ran" in output and "2024-02-29" in output
    assert sha256(warehouse) == before
    result = run_pipeline(env)
    assert result.returncode == 0
    assert published_deliveries(warehouse) == ["2024-01-31", "2024-02-29"]
