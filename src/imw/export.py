"""BI export: every table of the schemas `marts` and `reporting` as Parquet, plus a SQL
file of views over them, so a BI tool reads the data without holding the DuckDB file.

Layout of the export folder (env IMW_EXPORTS_DIR, default data/exports):

    marts/dim_quarter.parquet ... marts/fact_settlement.parquet
    reporting/deck_figures.parquet
    views.sql        CREATE SCHEMA / CREATE OR REPLACE VIEW <schema>.<table> AS
                     SELECT * FROM read_parquet('<schema>/<table>.parquet')
    views_absolute.sql  the same with absolute paths of the export folder
    _export.json     reference date, tables, row counts, columns

Paths in views.sql are relative to the export folder (DuckDB resolves them against the
working directory of the process that queries the view): run it from there
(`cd data/exports && duckdb bi.duckdb < views.sql`), or use views_absolute.sql. The warehouse
is opened read-only; the export is written into a fresh folder next to the target and
swapped in by renames, so a BI tool never reads a half-written export.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

SCHEMAS = ("marts", "reporting")


def default_exports_dir() -> Path:
    return Path(os.environ.get("IMW_EXPORTS_DIR", "data/exports"))


@dataclass
class ExportedTable:
    schema: str
    table: str
    rows: int
    columns: list[tuple[str, str]]
    parts: bool = False  # a folder of Parquet parts (Spark), not one file (DuckDB)

    @property
    def relative_path(self) -> str:
        return f"{self.schema}/{self.table}.parquet"

    @property
    def read_path(self) -> str:
        """What read_parquet() reads: the file, or every part of the folder."""
        return self.relative_path + ("/*.parquet" if self.parts else "")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def views_sql(tables: list[ExportedTable], prefix: str = "") -> str:
    """CREATE VIEW statements; prefix '' gives paths relative to the export folder."""
    if prefix:
        header = [
            "-- Views over the Parquet export of the IMW warehouse (schemas marts, reporting).",
            f"-- Absolute paths: valid while the export stays in {prefix}",
        ]
    else:
        header = [
            "-- Views over the Parquet export of the IMW warehouse (schemas marts, reporting).",
            "-- Paths are relative to this file's folder: run it from there, e.g.",
            "--   cd data/exports && duckdb imw_bi.duckdb < views.sql",
            "-- or use views_absolute.sql, or replace the prefix with another location.",
        ]
    lines = [*header, ""]
    for schema in SCHEMAS:
        lines.append(f"create schema if not exists {schema};")
    lines.append("")
    for table in tables:
        lines.append(
            f"create or replace view {table.schema}.{table.table} as "
            f"select * from read_parquet('{prefix}{table.read_path}');"
        )
    return "\n".join(lines) + "\n"


def start(out_dir: Path) -> Path:
    """The fresh folder an export is written into, next to out_dir."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(out_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def finish(
    staging: Path, out_dir: Path, tables: list[ExportedTable], reference_date: str | None
) -> None:
    """views.sql, views_absolute.sql and _export.json into staging, then swapped in."""
    (staging / "views.sql").write_text(views_sql(tables), encoding="utf-8")
    absolute = str(out_dir.resolve()).replace("'", "''") + "/"
    (staging / "views_absolute.sql").write_text(views_sql(tables, absolute), encoding="utf-8")
    manifest: dict[str, Any] = {
        "reference_date": reference_date,
        "tables": [
            {
                "schema": t.schema,
                "table": t.table,
                "path": t.relative_path,
                "rows": t.rows,
                "columns": [{"name": n, "type": ty} for n, ty in t.columns],
            }
            for t in tables
        ],
    }
    if any(t.parts for t in tables):
        manifest["parts"] = "each table is a folder of Parquet parts: read <path>/*.parquet"
    (staging / "_export.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    # Swap in: old export aside, new one in place, old one removed.
    previous = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(previous)
    staging.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)


def export(warehouse: Path | str, out_dir: Path | str) -> list[ExportedTable]:
    """Write the Parquet files, views.sql and _export.json; return what was exported."""
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}; run `make run` first")
    staging = start(out_dir)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = con.execute(
            """
            select table_schema, table_name
            from information_schema.tables
            where
                table_schema in ('marts', 'reporting')
                and table_type in ('BASE TABLE', 'VIEW')
            order by table_schema, table_name
            """
        ).fetchall()
        if not names:
            raise ValueError(f"{warehouse} has no tables in schemas marts/reporting")
        tables = []
        for schema, table in names:
            (staging / schema).mkdir(exist_ok=True)
            target = staging / schema / f"{table}.parquet"
            source = f"{_quote(schema)}.{_quote(table)}"
            path_literal = str(target).replace("'", "''")
            con.execute(
                f"copy (select * from {source}) to '{path_literal}' "
                "(format parquet, compression zstd)"
            )
            (rows,) = con.execute(f"select count(*) from {source}").fetchone() or (0,)
            columns = con.execute(
                """
                select column_name, data_type from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position
                """,
                [schema, table],
            ).fetchall()
            tables.append(ExportedTable(schema, table, rows, columns))
        (reference_date,) = con.execute(
            "select max(reference_date) from reporting.deck_figures"
        ).fetchone() or (None,)
    finally:
        con.close()
    finish(staging, out_dir, tables, reference_date.isoformat() if reference_date else None)
    return tables
