"""Compare two published warehouses table by table: do they hold the same data?

For a refactoring that must change nothing (issue 12): build the published file with the
old code and with the new one from the same deliveries, then compare. Every table of the
compared schemas (default `marts`, `reporting`, `audit`, `reference`) must be in both
files with the same columns (name, type, order), the same number of rows, the same
order-independent checksum (the sum of the rows' hashes) and the same rows, compared as
multisets (`except all` both ways, so order does not matter and a duplicated row
counts). The pipeline's own record of a build (`audit.pipeline_*`: build id, timings)
differs between any two builds and is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

SCHEMAS = ("marts", "reporting", "audit", "reference")
# Tables that record the build, not the data: they differ between any two builds.
SKIPPED_PREFIX = "audit.pipeline_"
# Rows shown per direction when two tables differ.
SAMPLE_ROWS = 3


@dataclass(frozen=True)
class Difference:
    """One way in which a table differs between the two files."""

    table: str
    what: str

    def __str__(self) -> str:
        return f"{self.table}: {self.what}"


@dataclass(frozen=True)
class TableResult:
    """A table that is in both files: how many rows it holds in each, and a checksum
    of its rows in each (the sum of the rows' hashes, so row order does not count)."""

    table: str
    rows_a: int
    rows_b: int
    checksum_a: int
    checksum_b: int


def _quote(*parts: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _tables(con: Any, database: str, schemas: Iterable[str]) -> list[str]:
    names = ", ".join(_literal(s) for s in schemas)
    rows = con.execute(
        f"select schema_name || '.' || table_name from duckdb_tables() "
        f"where database_name = {_literal(database)} and schema_name in ({names}) "
        f"union all "
        f"select schema_name || '.' || view_name from duckdb_views() "
        f"where database_name = {_literal(database)} and schema_name in ({names}) "
        f"and not internal"
    ).fetchall()
    return sorted(str(row[0]) for row in rows if not str(row[0]).startswith(SKIPPED_PREFIX))


def _columns(con: Any, database: str, table: str) -> list[tuple[str, str]]:
    schema, name = table.split(".", 1)
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? and table_name = ? "
        "order by column_index",
        [database, schema, name],
    ).fetchall()
    return [(str(column), str(data_type)) for column, data_type in rows]


def _count(con: Any, sql: str) -> int:
    return int(con.execute(f"select count(*) from ({sql})").fetchone()[0])


def _checksum(con: Any, relation: str) -> int:
    """Order-independent checksum of a relation's rows: the sum of the rows' hashes
    modulo 2^64 (a duplicated row counts twice)."""
    row = con.execute(f"select coalesce(sum(hash(t)), 0) from {relation} as t").fetchone()
    return int(row[0]) % 2**64


def _compare_table(con: Any, table: str) -> tuple[TableResult, list[Difference]]:
    schema, name = table.split(".", 1)
    a, b = _quote("a", schema, name), _quote("b", schema, name)
    result = TableResult(
        table,
        _count(con, f"select * from {a}"),
        _count(con, f"select * from {b}"),
        _checksum(con, a),
        _checksum(con, b),
    )
    differences: list[Difference] = []
    columns_a, columns_b = _columns(con, "a", table), _columns(con, "b", table)
    if columns_a != columns_b:
        differences.append(Difference(table, f"columns differ: {columns_a} <> {columns_b}"))
        return result, differences
    if result.rows_a != result.rows_b:
        differences.append(Difference(table, f"{result.rows_a} rows <> {result.rows_b} rows"))
    if result.checksum_a != result.checksum_b:
        differences.append(
            Difference(table, f"checksum {result.checksum_a:016x} <> {result.checksum_b:016x}")
        )
    for first, second, label in ((a, b, "only in A"), (b, a, "only in B")):
        missing = f"select * from {first} except all select * from {second}"
        count = _count(con, missing)
        if count:
            sample = con.execute(f"{missing} limit {SAMPLE_ROWS}").fetchall()
            differences.append(Difference(table, f"{count} rows {label}, e.g. {sample}"))
    return result, differences


def compare(
    file_a: Path, file_b: Path, schemas: Iterable[str] = SCHEMAS
) -> tuple[list[TableResult], list[Difference]]:
    """Compare every table of `schemas` in the two DuckDB files (opened read-only)."""
    schemas = tuple(schemas)
    for path in (file_a, file_b):
        if not path.is_file():
            raise FileNotFoundError(f"no DuckDB file at {path}")
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(str(file_a))} as a (read_only)")
        con.execute(f"attach {_literal(str(file_b))} as b (read_only)")
        tables_a, tables_b = _tables(con, "a", schemas), _tables(con, "b", schemas)
        differences = [Difference(t, "only in A") for t in tables_a if t not in tables_b]
        differences += [Difference(t, "only in B") for t in tables_b if t not in tables_a]
        results: list[TableResult] = []
        for table in (t for t in tables_a if t in tables_b):
            result, table_differences = _compare_table(con, table)
            results.append(result)
            differences += table_differences
    finally:
        con.close()
    return results, differences
