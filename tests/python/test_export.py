"""`make export`: Parquet per table of marts and reporting, views.sql over them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from imw.export import export
from test_report_support import REPO, built_warehouse


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    warehouse = built_warehouse()
    out = tmp_path_factory.mktemp("exports") / "exports"
    export(warehouse, out)
    return warehouse, out


def tables_of(warehouse: Path) -> dict[tuple[str, str], int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'reporting')"
        ).fetchall()
        return {
            (schema, table): con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
            for schema, table in names
        }
    finally:
        con.close()


def test_every_mart_and_reporting_table_is_a_parquet_file(exported):
    warehouse, out = exported
    expected = tables_of(warehouse)
    assert ("marts", "fact_application") in expected
    assert ("reporting", "deck_figures") in expected
    files = {(p.parent.name, p.stem) for p in out.glob("*/*.parquet")}
    assert files == set(expected)
    con = duckdb.connect()
    for (schema, table), rows in expected.items():
        path = out / schema / f"{table}.parquet"
        assert con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0] == rows


def test_views_sql_reads_the_export_without_the_warehouse(exported, monkeypatch):
    warehouse, out = exported
    monkeypatch.chdir(out)  # paths in views.sql are relative to the export folder
    con = duckdb.connect()
    con.execute((out / "views.sql").read_text(encoding="utf-8"))
    views = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_type = 'VIEW' order by 1, 2"
    ).fetchall()
    assert set(views) == set(tables_of(warehouse))
    # types survive the round trip: the figure book's value stays decimal(18,2)
    value_type = con.execute(
        "select data_type from information_schema.columns "
        "where table_schema = 'reporting' and table_name = 'deck_figures' "
        "and column_name = 'value'"
    ).fetchone()[0]
    assert value_type == "DECIMAL(18,2)"
    via_views = con.execute(
        "select figure_id, key, value from reporting.deck_figures order by 1, 2"
    ).fetchall()
    source = duckdb.connect(str(warehouse), read_only=True)
    try:
        direct = source.execute(
            "select figure_id, key, value from reporting.deck_figures order by 1, 2"
        ).fetchall()
    finally:
        source.close()
    assert via_views == direct
    # a star join works on the views
    joined = con.execute(
        """
        select count(*)
        from marts.fact_active_premium as premiums
        inner join marts.dim_province as provinces
            on premiums.province_key = provinces.province_key
        where premiums.is_reference_date
        """
    ).fetchone()[0]
    assert joined == int(dict(((f, k), v) for f, k, v in direct)[("F3", "total")])


def test_views_absolute_sql_works_from_anywhere(exported, tmp_path, monkeypatch):
    warehouse, out = exported
    monkeypatch.chdir(tmp_path)
    bi = duckdb.connect(str(tmp_path / "imw_bi.duckdb"))  # a BI file holding only views
    bi.execute((out / "views_absolute.sql").read_text(encoding="utf-8"))
    bi.close()
    monkeypatch.chdir("/")
    bi = duckdb.connect(str(tmp_path / "imw_bi.duckdb"), read_only=True)
    total = bi.execute("select count(*) from marts.fact_application").fetchone()[0]
    bi.close()
    assert total == tables_of(warehouse)[("marts", "fact_application")]


def test_manifest_lists_tables_rows_and_columns(exported):
    warehouse, out = exported
    manifest = json.loads((out / "_export.json").read_text(encoding="utf-8"))
    assert manifest["reference_date"]
    listed = {(t["schema"], t["table"]): t["rows"] for t in manifest["tables"]}
    assert listed == tables_of(warehouse)
    assert all(t["columns"] for t in manifest["tables"])


def test_export_script_replaces_a_previous_export(tmp_path):
    out = tmp_path / "exports"
    (out / "marts").mkdir(parents=True)
    (out / "marts" / "stale.parquet").write_text("old")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "export_bi.py")],
        env={
            "PATH": "/usr/bin:/bin",
            "IMW_WAREHOUSE_PATH": str(built_warehouse()),
            "IMW_EXPORTS_DIR": str(out),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not (out / "marts" / "stale.parquet").exists()
    assert (out / "views.sql").exists()
    assert not list(tmp_path.glob("exports.*"))
