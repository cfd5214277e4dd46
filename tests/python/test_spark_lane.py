"""The Spark lane (issue 13): the same dbt project on Apache Spark (dbt-spark's session
method on pyspark's bundled Spark, `python -m imw.engines.spark_dbt`) against DuckDB, on
the hand-made edge-case deliveries (tests/fixtures/deliveries_edge, IMW_RECONCILE=0).

Each engine builds twice, as a scheduler would: the first delivery, then an incremental
run that adds the second (on Spark: insert_overwrite of delivery_date and reference_date
partitions, appends, and the newest-wins tables rebuilt; see imw_incremental_config).
Every table of the interface (marts, reporting, audit) must then hold the same rows,
value for value, on both engines; the second Spark run also runs every data test and
unit test on Spark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from imw import pseudonym
from imw.engines import spark as spark_engine

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "deliveries_edge"
DBT = Path(sys.executable).parent / "dbt"
FIRST, SECOND = "2024-12-31", "2025-01-31"
SCHEMAS = ("marts", "reporting", "audit")
FAST = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not spark_engine.java_available(), reason="no Java runtime"),
]


def _env(work: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "IMW_EXTRACTS_DIR": str(FIXTURE),
        "IMW_RECONCILE": "0",
        "PYTHONPATH": str(ROOT / "src"),
        **extra,
    }


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return result.stdout


def _dbt_args(work: Path, deliveries: str, *extra: str) -> list[str]:
    return [
        "build",
        "--vars",
        json.dumps({"deliveries": deliveries}),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        *extra,
    ]


def _interface_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        f"{schema}.{table}"
        for schema, table in connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema in (?, ?, ?) order by 1, 2",
            list(SCHEMAS),
        ).fetchall()
    ]


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("spark_lane")
    database = work / "duckdb" / "warehouse.duckdb"
    duck_env = _env(work, IMW_BUILD_PATH=str(database), IMW_ENGINE="duckdb")
    _run([str(DBT), *_dbt_args(work / "duckdb", FIRST, *FAST)], duck_env)
    _run([str(DBT), *_dbt_args(work / "duckdb", f"{FIRST},{SECOND}")], duck_env)

    home = work / "spark"
    spark_env = _env(work, IMW_SPARK_HOME=str(home), IMW_ENGINE="spark")
    spark_dbt = [sys.executable, "-m", "imw.engines.spark_dbt"]
    _run([*spark_dbt, *_dbt_args(home, FIRST, *FAST)], spark_env)
    log = _run([*spark_dbt, *_dbt_args(home, f"{FIRST},{SECOND}")], spark_env)

    connection = duckdb.connect(str(database), read_only=True)
    pseudonym.register_duckdb(connection)
    tables = _interface_tables(connection)
    dump = work / "spark_tables.json"
    _run(
        [
            sys.executable,
            "-c",
            "import json, sys; from pathlib import Path; from imw.engines import spark; "
            "json.dump(spark.table_rows(Path(sys.argv[1]), sys.argv[3:]), "
            "open(sys.argv[2], 'w'))",
            str(home),
            str(dump),
            *tables,
        ],
        spark_env,
    )
    yield connection, tables, json.loads(dump.read_text()), log
    connection.close()


def _duckdb_rows(connection: duckdb.DuckDBPyConnection, table: str, columns: list[str]):
    selected = ", ".join(f'"{column}"' for column in columns)
    cursor = connection.execute(f"select {selected} from {table}")
    return [[spark_engine._text(value) for value in row] for row in cursor.fetchall()]


def _sorted(rows: list[list[str | None]]) -> list[tuple[str, ...]]:
    return sorted(tuple("\x00" if value is None else value for value in row) for row in rows)


def test_every_interface_table_is_built_on_spark(engines):
    _, tables, spark_tables, log = engines
    assert len(tables) >= 20
    assert sorted(spark_tables) == tables
    assert " ERROR=0 " in log and "PASS=" in log


def test_the_figure_book_is_identical_value_for_value(engines):
    connection, _, spark_tables, _ = engines
    for table in ("reporting.deck_figures", "reporting.figure_book_as_of"):
        spark_table = spark_tables[table]
        duck = _duckdb_rows(connection, table, spark_table["columns"])
        assert len(duck) > 50
        assert _sorted(spark_table["rows"]) == _sorted(duck), table
    editions = {row[0] for row in spark_tables["reporting.figure_book_as_of"]["rows"]}
    assert editions == {FIRST, SECOND}


@pytest.mark.parametrize("schema", SCHEMAS)
def test_every_table_holds_the_same_rows_on_both_engines(engines, schema):
    connection, tables, spark_tables, _ = engines
    for table in (name for name in tables if name.startswith(schema + ".")):
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
