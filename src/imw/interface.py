"""The published file: the interface of the warehouse and nothing else.

`warehouse-interface.md`: the published file holds the schemas `marts`, `reporting`,
`audit` and `reference` (the seeds), plus what the semantic layer needs (`semantic`, the
MetricFlow time spine). Staging, intermediate and the pipeline's state stay in the private
build store (`imw.publish`).

`write_interface` creates a new DuckDB file and copies into it, from a finished build, the
tables of those schemas with their column types, constraints and comments; a view there
would become a table (the published file must be self-contained: no view may read a
delivery file, and a copy on a BI server must answer every query). `check_interface`
then proves what the file holds: only those schemas, only tables, no macro, no sequence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

SCHEMAS = ("marts", "reporting", "audit", "reference", "semantic")
PUBLISHED_DELIVERIES_TABLE = "audit.pipeline_deliveries"
PUBLISHED_BUILD_TABLE = "audit.pipeline_build"
# Schemas every DuckDB file has.
_SYSTEM_SCHEMAS = ("main", "information_schema", "pg_catalog")


class InterfaceError(Exception):
    """The new published file holds something that is not the interface."""


@dataclass(frozen=True)
class PublishedBuild:
    """What the published file says about the build it comes from (audit.pipeline_build)."""

    build_id: str
    code_fingerprint: str
    full_refresh: bool
    gate_seconds: float | None
    build_seconds: float | None
    deliveries: dict[str, str]  # delivery -> sha256 of its manifest


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _name(*parts: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def write_interface(build: Path, target: Path, record: PublishedBuild) -> dict[str, int]:
    """Write target (a new file) from the finished build; return rows per copied table."""
    if target.exists():
        target.unlink()
    con = duckdb.connect(str(target))
    try:
        con.execute(f"attach {_literal(str(build))} as build (read_only)")
        schemas = ", ".join(_literal(s) for s in SCHEMAS)
        tables = con.execute(
            f"""
            select schema_name, table_name, sql, comment
            from duckdb_tables()
            where database_name = 'build' and schema_name in ({schemas})
                and not (schema_name = 'audit' and table_name like 'pipeline\\_%' escape '\\')
            order by schema_name, table_name
            """
        ).fetchall()
        views = con.execute(
            f"""
            select schema_name, view_name, comment
            from duckdb_views()
            where database_name = 'build' and schema_name in ({schemas}) and not internal
            order by schema_name, view_name
            """
        ).fetchall()
        for schema in SCHEMAS:
            con.execute(f"create schema if not exists {_name(schema)}")
        rows: dict[str, int] = {}
        for schema, table, ddl, comment in tables:
            con.execute(ddl)  # CREATE TABLE <schema>.<table>(...) with types and constraints
            con.execute(
                f"insert into {_name(schema, table)} select * from {_name('build', schema, table)}"
            )
            rows[f"{schema}.{table}"] = _copy_comments(con, schema, table, comment)
        for schema, view, comment in views:
            con.execute(
                f"create table {_name(schema, view)} as "
                f"select * from {_name('build', schema, view)}"
            )
            rows[f"{schema}.{view}"] = _copy_comments(con, schema, view, comment)
        _write_record(con, record)
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    return rows


def _copy_comments(con: Any, schema: str, table: str, comment: str | None) -> int:
    """Copy the table's and its columns' comments from the build; return its row count."""
    if comment:
        con.execute(f"comment on table {_name(schema, table)} is {_literal(comment)}")
    for column, column_comment in con.execute(
        "select column_name, comment from duckdb_columns() "
        "where database_name = 'build' and schema_name = ? and table_name = ? "
        "and comment is not null",
        [schema, table],
    ).fetchall():
        con.execute(
            f"comment on column {_name(schema, table, column)} is {_literal(column_comment)}"
        )
    return int(con.execute(f"select count(*) from {_name(schema, table)}").fetchone()[0])


def _write_record(con: Any, record: PublishedBuild) -> None:
    con.execute(
        f"create table {PUBLISHED_DELIVERIES_TABLE} "
        "(delivery varchar primary key, manifest_sha256 varchar not null)"
    )
    con.executemany(
        f"insert into {PUBLISHED_DELIVERIES_TABLE} values (?, ?)",
        sorted(record.deliveries.items()),
    )
    con.execute(
        f"comment on table {PUBLISHED_DELIVERIES_TABLE} is "
        "'The complete deliveries this warehouse was built from: one row per delivery "
        "(folder name) with the sha256 of its _manifest.json.'"
    )
    con.execute(
        f"create table {PUBLISHED_BUILD_TABLE} (build_id varchar not null, "
        "code_fingerprint varchar not null, full_refresh boolean, "
        "published_at timestamptz, gate_seconds double, build_seconds double)"
    )
    con.execute(
        f"insert into {PUBLISHED_BUILD_TABLE} values (?, ?, ?, current_timestamp, ?, ?)",
        [
            record.build_id,
            record.code_fingerprint,
            record.full_refresh,
            record.gate_seconds,
            record.build_seconds,
        ],
    )
    con.execute(
        f"comment on table {PUBLISHED_BUILD_TABLE} is "
        "'One row: the build this file comes from (id, sha256 of the project code, whether "
        "it was built from nothing, seconds of the delivery gate and of dbt).'"
    )


def contents(db: Path) -> dict[str, list[tuple[str, ...]]]:
    """What a DuckDB file holds beyond the system schemas: schemas, tables, views,
    macros and sequences (for check_interface and the tests)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        system = ", ".join(_literal(s) for s in _SYSTEM_SCHEMAS)
        return {
            "schemas": con.execute(
                f"select schema_name from duckdb_schemas() where not internal "
                f"and database_name = current_database() and schema_name not in ({system})"
            ).fetchall(),
            "tables": con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "where database_name = current_database()"
            ).fetchall(),
            "views": con.execute(
                "select schema_name, view_name, sql from duckdb_views() "
                "where not internal and database_name = current_database()"
            ).fetchall(),
            "macros": con.execute(
                "select schema_name, function_name from duckdb_functions() "
                "where not internal and database_name = current_database()"
            ).fetchall(),
            "sequences": con.execute(
                "select schema_name, sequence_name from duckdb_sequences() "
                "where database_name = current_database()"
            ).fetchall(),
        }
    finally:
        con.close()


def problems(found: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """Why a file's contents (see `contents`) are not only the interface; empty if they are."""
    out = []
    out += [f"schema {s} is not an interface schema" for (s,) in found["schemas"]
            if s not in SCHEMAS]
    out += [f"table {s}.{t} is outside the interface schemas" for s, t in found["tables"]
            if s not in SCHEMAS]
    out += [f"view {s}.{v}" for s, v, _ in found["views"]]
    out += [f"macro {s}.{m}" for s, m in found["macros"]]
    out += [f"sequence {s}.{q}" for s, q in found["sequences"]]
    return out


def check_interface(db: Path) -> None:
    """Raise InterfaceError unless db holds only tables of the interface schemas."""
    found = problems(contents(db))
    if found:
        raise InterfaceError(
            f"{db} holds more than the interface, not publishing it: " + "; ".join(found)
        )


def holds_only_interface(db: Path) -> bool:
    """Whether an existing file holds the interface only (False for an unreadable file)."""
    try:
        return not problems(contents(db))
    except duckdb.Error:
        return False


def interface_tables(db: Path) -> Iterable[tuple[str, str]]:
    """(schema, table) of every table of a published file, in order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = current_database() order by 1, 2"
        ).fetchall()
    finally:
        con.close()
