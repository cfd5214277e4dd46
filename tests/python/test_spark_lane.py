"""The Spark lane (issue 13): the warehouse on Apache Spark (`IMW_ENGINE=spark`: the
pipeline, dbt-spark's session method on pyspark's bundled Spark, write-audit-publish into
versioned schemas) against DuckDB, on the hand-made edge-case deliveries
(tests/fixtures/deliveries_edge, IMW_RECONCILE=0).

Spark runs as a scheduler would: the pipeline after the first delivery (a full refresh),
then after the second (an incremental run: insert_overwrite of delivery_date and
reference_date partitions, appends, the newest-wins tables rebuilt; see
imw_incremental_config), with every data test and unit test on Spark. DuckDB builds both
deliveries with a full refresh. Every published table (marts, reporting, audit, the
pipeline's own records aside) must hold the same rows, value for value: an increment on
Spark equals a full refresh. Then `make export` on Spark must give DuckDB's Parquet
layout and rows, and a rollback on Spark must publish the first build again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from imw import pseudonym
from imw.engines import spark as spark_engine

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "deliveries_edge"
FIRST, SECOND = "2024-12-31", "2025-01-31"
SCHEMAS = ("marts", "reporting", "audit")
PIPELINE = [sys.executable, str(ROOT / "scripts" / "run_pipeline.py")]
KEY = "5a" * 32  # a test key: it must appear in nothing Spark publishes or writes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not spark_engine.java_available(), reason="no Java runtime"),
]


def _env(work: Path, engine: str) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "IMW_EXTRACTS_DIR": str(work / "extracts"),
        "IMW_REPORTS_DIR": str(work / engine / "reports"),
        "IMW_WAREHOUSE_PATH": str(work / "duckdb" / "warehouse.duckdb"),
        "IMW_SPARK_HOME": str(work / "spark"),
        "IMW_EXPORTS_DIR": str(work / engine / "exports"),
        "IMW_RECONCILE": "0",
        "IMW_GATE_EXPECTATIONS": "0",
        "IMW_ENGINE": engine,
        "IMW_PSEUDONYM_KEY": KEY,
        "PYTHONPATH": str(ROOT / "src"),
    }


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=1200
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def _interface_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        f"{schema}.{table}"
        for schema, table in connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema in (?, ?, ?) "
            "and table_name not like 'pipeline%' order by 1, 2",
            list(SCHEMAS),
        ).fetchall()
    ]


_DUMP = """
import json, sys
from pathlib import Path
from imw.engines import spark
session = spark.session(Path(sys.argv[1]))
out = {"tables": {}, "published": {}}
for name in sys.argv[3:]:
    frame = session.table(name)
    out["tables"][name] = {
        "columns": list(frame.columns),
        "rows": [[spark._text(value) for value in row] for row in frame.collect()],
    }
for db in ("marts", "reporting", "audit", "reference", "semantic"):
    for table in session.catalog.listTables(db):
        ddl = session.sql(f"show create table {db}.{table.name}").collect()[0][0]
        out["published"][f"{db}.{table.name}"] = [table.tableType, ddl]
out["databases"] = sorted(d.name for d in session.catalog.listDatabases())
json.dump(out, open(sys.argv[2], "w"))
spark.stop()
"""


def _spark_rows(work: Path, tables: list[str], name: str) -> dict:
    """The published Spark tables (the views of the published schemas) as text, what
    each published view is, and the databases of the catalog."""
    dump = work / f"{name}.json"
    _run(
        [sys.executable, "-c", _DUMP, str(work / "spark"), str(dump), *tables],
        _env(work, "spark"),
    )
    return json.loads(dump.read_text())


@pytest.fixture(scope="module")
def lanes(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("spark_lane")
    (work / "extracts").mkdir()
    shutil.copytree(FIXTURE / FIRST, work / "extracts" / FIRST)
    spark_env = _env(work, "spark")
    first_log = _run(PIPELINE, spark_env)
    shutil.copytree(FIXTURE / SECOND, work / "extracts" / SECOND)
    second_log = _run(PIPELINE, spark_env)
    duck_env = _env(work, "duckdb")
    _run([*PIPELINE, "--full-refresh"], duck_env)

    connection = duckdb.connect(str(work / "duckdb" / "warehouse.duckdb"), read_only=True)
    pseudonym.register_duckdb(connection)
    tables = _interface_tables(connection)
    dump = _spark_rows(work, [*tables, "audit.pipeline_build"], "published")
    yield {
        "work": work,
        "connection": connection,
        "tables": tables,
        "spark": dump["tables"],
        "catalog": dump,
        "logs": (first_log, second_log),
    }
    connection.close()


def _duckdb_rows(connection: duckdb.DuckDBPyConnection, table: str, columns: list[str]):
    selected = ", ".join(f'"{column}"' for column in columns)
    cursor = connection.execute(f"select {selected} from {table}")
    return [[spark_engine._text(value) for value in row] for row in cursor.fetchall()]


def _sorted(rows: list[list[str | None]]) -> list[tuple[str, ...]]:
    return sorted(tuple("\x00" if value is None else value for value in row) for row in rows)


def test_the_second_spark_run_is_incremental_and_runs_every_test(lanes):
    first, second = lanes["logs"]
    assert "full refresh on Spark (nothing published yet on Spark)" in first
    assert "full refresh" not in second
    assert " ERROR=0 " in second and "PASS=" in second
    assert "published on Spark: version" in second
    assert len(lanes["tables"]) >= 20
    assert sorted(set(lanes["spark"]) - {"audit.pipeline_build"}) == lanes["tables"]


def test_the_figure_book_is_identical_value_for_value(lanes):
    connection, spark_tables = lanes["connection"], lanes["spark"]
    for table in ("reporting.deck_figures", "reporting.figure_book_as_of"):
        duck = _duckdb_rows(connection, table, spark_tables[table]["columns"])
        assert len(duck) > 50
        assert _sorted(spark_tables[table]["rows"]) == _sorted(duck), table
    book = spark_tables["reporting.figure_book_as_of"]
    index = book["columns"].index("reference_date")
    editions = {row[index] for row in book["rows"]}
    assert editions == {FIRST, SECOND}


@pytest.mark.parametrize("schema", SCHEMAS)
def test_every_table_holds_the_same_rows_on_both_engines(lanes, schema):
    connection, spark_tables = lanes["connection"], lanes["spark"]
    for table in (name for name in lanes["tables"] if name.startswith(schema + ".")):
        spark_table = spark_tables[table]
        duck_columns = [
            row[0]
            for row in connection.execute(
                "select column_name from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                table.split("."),
            ).fetchall()
        ]
        assert sorted(spark_table["columns"]) == sorted(duck_columns), table
        duck = _duckdb_rows(connection, table, spark_table["columns"])
        assert _sorted(spark_table["rows"]) == _sorted(duck), table


def test_the_published_schemas_hold_views_over_one_version_only(lanes):
    """Readers see views of the published schemas, each over the same audited copy;
    the build's private schemas are not what they read."""
    found = lanes["catalog"]["published"]
    databases = lanes["catalog"]["databases"]
    versions = {d.split("__")[0] for d in databases if d.startswith("imw_v")}
    assert len(versions) == 2  # the published one and the one before (rollback)
    (build_id,) = lanes["spark"]["audit.pipeline_build"]["rows"][0][:1]
    current = f"imw_v{build_id[:16]}__"
    for name, (kind, ddl) in found.items():
        assert kind == "VIEW", name
        assert current in ddl and "imw_build__" not in ddl, (name, ddl)


def _insz_values() -> set[str]:
    """Every INSZ of the fixture's applications, as delivered and as 11 digits."""
    found = set()
    for path in FIXTURE.glob("*/aanvragen.csv"):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        column = lines[0].split(";").index("insz")
        for line in lines[1:]:
            fields = line.split(";")
            if len(fields) > column and fields[column].strip():
                found.add(fields[column])
                digits = "".join(c for c in fields[column] if c.isdigit())
                if len(digits) == 11:
                    found.add(digits)
    return found


def test_no_insz_and_no_key_in_what_spark_publishes_or_writes(lanes):
    """The privacy promise on Spark: no published value is an INSZ or holds the key, and
    no file Spark wrote (warehouse, metastore, the pipeline's state and dbt's logs and
    compiled SQL in its run folder) holds the key."""
    insz = _insz_values()
    assert len(insz) > 5
    for name, table in lanes["spark"].items():
        for row in table["rows"]:
            for value in row:
                if value is not None:
                    assert value not in insz, name
                    assert KEY not in value, name
    for path in (lanes["work"] / "spark").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def test_export_on_spark_gives_duckdbs_layout_and_rows(lanes):
    work = lanes["work"]
    _run([sys.executable, str(ROOT / "scripts" / "export_bi.py")], _env(work, "spark"))
    _run([sys.executable, str(ROOT / "scripts" / "export_bi.py")], _env(work, "duckdb"))
    spark_export = json.loads((work / "spark" / "exports" / "_export.json").read_text())
    duck_export = json.loads((work / "duckdb" / "exports" / "_export.json").read_text())
    assert spark_export["reference_date"] == duck_export["reference_date"] == SECOND
    assert [t["path"] for t in spark_export["tables"]] == [
        t["path"] for t in duck_export["tables"]
    ]
    reader = duckdb.connect()
    for table in spark_export["tables"]:
        spark_path = work / "spark" / "exports" / table["path"]
        duck_path = work / "duckdb" / "exports" / table["path"]
        assert spark_path.is_dir() and duck_path.is_file()
        columns = ", ".join(f'"{c["name"]}"' for c in table["columns"])
        from_spark = reader.execute(
            f"select {columns} from read_parquet('{spark_path}/*.parquet')"
        ).fetchall()
        from_duck = reader.execute(f"select {columns} from read_parquet('{duck_path}')").fetchall()
        # as the tables are compared: instants in UTC, doubles to 9 digits (Spark
        # computes a duration in days through a decimal, DuckDB in double)
        assert _sorted([[spark_engine._text(v) for v in row] for row in from_spark]) == _sorted(
            [[spark_engine._text(v) for v in row] for row in from_duck]
        ), table["path"]
    for line in (work / "spark" / "exports" / "views.sql").read_text().splitlines():
        if line.startswith("create or replace view"):
            assert ".parquet/*.parquet')" in line


def test_rollback_on_spark_publishes_the_first_build_again(lanes):
    work = lanes["work"]
    env = _env(work, "spark")
    _run([*PIPELINE, "--rollback"], env)
    rolled = _spark_rows(work, ["reporting.deck_figures"], "rolled_back")
    table = rolled["tables"]["reporting.deck_figures"]
    index = table["columns"].index("reference_date")
    dates = {row[index] for row in table["rows"]}
    assert dates == {FIRST}
