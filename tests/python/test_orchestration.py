"""The Dagster code location (imw.orchestration): every asset materialised in process on
the edge-case deliveries publishes the warehouse `imw-pipeline` (make build) publishes; a
delivery that contradicts its manifest fails the gate asset and publishes nothing; the
sensor asks for one run per new complete delivery."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, run_pipeline

FIXTURE = REPO / "tests" / "fixtures" / "deliveries_edge"

pytestmark = pytest.mark.slow
dagster = pytest.importorskip("dagster")


def _environment(root: Path, name: str) -> dict[str, str]:
    return {
        "IMW_EXTRACTS_DIR": str(root / "extracts"),
        "IMW_WAREHOUSE_PATH": str(root / name / "warehouse.duckdb"),
        "IMW_REPORTS_DIR": str(root / name / "reports"),
        "IMW_RECONCILE": "0",  # the edge-case deliveries are not the deck's data
        "IMW_GATE_EXPECTATIONS": "0",
        "IMW_PSEUDONYM_KEY": "orchestration-test-key",
        "DAGSTER_HOME": str(root / "dagster_home"),
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
    }


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("orchestration")
    shutil.copytree(FIXTURE, root / "extracts", ignore=shutil.ignore_patterns("README.md"))
    (root / "dagster_home").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in _environment(root, "dagster").items():
            patch.setenv(name, value)
        yield root


@pytest.fixture(scope="module")
def defs(workspace: Path):
    from imw.orchestration import defs

    return defs


def _materialize(defs) -> object:
    job = defs.resolve_job_def("imw_warehouse")
    return job.execute_in_process(raise_on_error=False)


def published_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table of the published file but the per-build record, its rows sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_name not like 'pipeline_%' order by all"
        ).fetchall()
        return {
            f"{schema}.{table}": sorted(
                con.execute(f'select * from "{schema}"."{table}"').fetchall(), key=repr
            )
            for schema, table in tables
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def materialised(defs, workspace: Path):
    result = _materialize(defs)
    return result


def test_materialising_every_asset_publishes_what_make_build_publishes(
    materialised, workspace: Path
) -> None:
    assert materialised.success, [
        event.message for event in materialised.all_events if event.is_failure
    ]
    published = workspace / "dagster" / "warehouse.duckdb"
    assert published.exists()
    materialised_keys = {
        event.asset_key.to_user_string()
        for event in materialised.all_events
        if event.is_step_materialization
    }
    assert {"imw_deliveries", "reporting/deck_figures", "published_warehouse"} <= materialised_keys
    checks = [
        event
        for event in materialised.all_events
        if event.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    assert len(checks) > 100  # the dbt tests, as asset checks
    assert all(event.event_specific_data.passed for event in checks)

    env = {**os.environ, **_environment(workspace, "make_build")}
    result = run_pipeline(env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    reference = workspace / "make_build" / "warehouse.duckdb"
    ours, theirs = published_rows(published), published_rows(reference)
    assert sorted(ours) == sorted(theirs)
    different = [table for table in ours if ours[table] != theirs[table]]
    assert not different
    assert any(rows for table, rows in ours.items() if table == "reporting.deck_figures")
    # the build store's run folder is gone after the publish, as after make build
    assert not (workspace / "dagster" / "warehouse.private" / "run").exists()
    # the key is in no file Dagster, dbt or the pipeline wrote (runs, event logs, compute
    # logs, the manifest, the stores)
    key = _environment(workspace, "dagster")["IMW_PSEUDONYM_KEY"].encode()
    written = [path for path in workspace.rglob("*") if path.is_file()]
    written += [path for path in (REPO / "target" / "dagster").rglob("*") if path.is_file()]
    assert len(written) > 10
    assert [path for path in written if key in path.read_bytes()] == []


def _write_manifest(folder: Path, extract_date: str, extra_rows: int = 0) -> None:
    """A manifest for folder's files (rows and sha256 as they are; extra_rows added to
    the row count of aanvragen.csv: a delivery that contradicts its manifest)."""
    files = {}
    for path in sorted(folder.glob("*.csv")):
        data = path.read_bytes()
        rows = data.count(b"\r\n") - 1
        files[path.name] = {"rows": rows, "sha256": hashlib.sha256(data).hexdigest()}
    files["aanvragen.csv"]["rows"] += extra_rows
    manifest = {"extract_date": extract_date, "files": files}
    (folder / "_manifest.json").write_text(json.dumps(manifest, indent=2))


def test_a_delivery_that_contradicts_its_manifest_stops_at_the_gate(
    materialised, defs, workspace: Path
) -> None:
    published = workspace / "dagster" / "warehouse.duckdb"
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    bad = workspace / "extracts" / "2025-02-28"  # in the fixture without manifest
    _write_manifest(bad, "2025-02-28", extra_rows=3)
    try:
        result = _materialize(defs)
        assert not result.success
        failures = [event for event in result.all_events if event.is_step_failure]
        assert [event.step_key for event in failures] == ["imw_deliveries"]
        message = failures[0].event_specific_data.error.message
        assert "refused" in message and "aanvragen.csv" in message, message
        assert hashlib.sha256(published.read_bytes()).hexdigest() == before
        assert not any(event.is_step_materialization for event in result.all_events)
    finally:
        (bad / "_manifest.json").unlink()


def test_the_sensor_asks_for_one_run_per_new_complete_delivery(
    materialised, defs, workspace: Path
) -> None:
    sensor = defs.resolve_sensor_def("new_delivery")

    def evaluate(cursor: str | None = None):
        return sensor(dagster.build_sensor_context(cursor=cursor))

    # 2024-12-31 and 2025-01-31 are published; 2025-02-28 has no manifest yet
    assert isinstance(evaluate(), dagster.SkipReason)
    folder = workspace / "extracts" / "2025-02-28"
    _write_manifest(folder, "2025-02-28")
    try:
        result = evaluate()
        assert [request.run_key for request in result.run_requests] == ["2025-02-28"]
        assert result.cursor == "2025-02-28"
        # requested before (the cursor): no second run
        assert isinstance(evaluate(cursor="2025-02-28"), dagster.SkipReason)
    finally:
        (folder / "_manifest.json").unlink()
