"""scripts/compare_warehouses.py: two files hold the same data only when every table of
the compared schemas has the same columns and the same rows, in any order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from imw.compare import compare

ROOT = Path(__file__).resolve().parents[2]


def warehouse(path: Path, rows: list[tuple[int, str]], extra_table: bool = False) -> Path:
    connection = duckdb.connect(str(path))
    connection.execute("create schema marts")
    connection.execute("create schema audit")
    connection.execute("create table marts.fact_x (x_id integer, label varchar)")
    connection.executemany("insert into marts.fact_x values (?, ?)", rows)
    # the pipeline's own record of a build differs between any two builds: left out
    connection.execute("create table audit.pipeline_runs as select random() as build_id")
    if extra_table:
        connection.execute("create table marts.dim_y (y_id integer)")
    connection.close()
    return path


def test_same_rows_in_another_order_are_the_same_data(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", [(1, "een"), (2, "twee"), (2, "twee")])
    b = warehouse(tmp_path / "b.duckdb", [(2, "twee"), (1, "een"), (2, "twee")])
    results, differences = compare(a, b)
    assert differences == []
    assert [(r.table, r.rows_a, r.rows_b) for r in results] == [("marts.fact_x", 3, 3)]
    assert results[0].checksum_a == results[0].checksum_b


def test_a_changed_or_missing_duplicate_row_and_a_missing_table_differ(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", [(1, "een"), (2, "twee"), (2, "twee")])
    b = warehouse(tmp_path / "b.duckdb", [(1, "eén"), (2, "twee")], extra_table=True)
    _, differences = compare(a, b)
    found = [str(d) for d in differences]
    assert "marts.dim_y: only in B" in found
    assert "marts.fact_x: 3 rows <> 2 rows" in found
    assert any(d.startswith("marts.fact_x: checksum ") for d in found)
    assert any(d.startswith("marts.fact_x: 2 rows only in A") for d in found)
    assert any(d.startswith("marts.fact_x: 1 rows only in B") for d in found)


def test_the_script_exits_1_on_a_difference_and_0_without(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", [(1, "een")])
    b = warehouse(tmp_path / "b.duckdb", [(1, "een")])
    c = warehouse(tmp_path / "c.duckdb", [(1, "twee")])
    script = [sys.executable, str(ROOT / "scripts" / "compare_warehouses.py")]
    same = subprocess.run([*script, str(a), str(b)], capture_output=True, text=True)
    other = subprocess.run([*script, str(a), str(c)], capture_output=True, text=True)
    missing = subprocess.run([*script, str(a), str(tmp_path / "none.duckdb")])
    assert (same.returncode, other.returncode, missing.returncode) == (0, 1, 2)
    assert "the files hold the same data" in same.stdout
    assert "DIFFERENT marts.fact_x" in other.stdout
