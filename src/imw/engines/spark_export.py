"""`make export` on Spark (`IMW_ENGINE=spark`): the published schemas `marts` and
`reporting` as Parquet, in the layout of the DuckDB export (imw.export):
`<schema>/<table>.parquet`, here a folder of parts (Spark writes folders), with
views.sql, views_absolute.sql and _export.json over them. It reads the published views,
i.e. the version of the warehouse published last (imw.engines.spark_publish), and swaps
the export folder in by renames as the DuckDB export does."""

from __future__ import annotations

from pathlib import Path

from imw import export
from imw.engines import spark
from imw.engines.spark_dbt import spark_home


def export_published(out_dir: Path | str) -> list[export.ExportedTable]:
    """Write the export of the published Spark warehouse; return what was exported."""
    out_dir = Path(out_dir)
    session = spark.session(spark_home())
    try:
        names = [
            (schema, table.name)
            for schema in export.SCHEMAS
            if session.catalog.databaseExists(schema)
            for table in sorted(session.catalog.listTables(schema), key=lambda t: t.name)
            if not table.isTemporary
        ]
        if not names:
            raise ValueError(
                "nothing published on Spark (no tables in schemas marts/reporting); "
                "run `IMW_ENGINE=spark make run` first"
            )
        staging = export.start(out_dir)
        tables = []
        for schema, table in names:
            frame = session.table(f"{schema}.{table}")
            target = staging / schema / f"{table}.parquet"
            frame.coalesce(1).write.option("compression", "zstd").parquet(str(target))
            for marker in target.glob("_*"):  # _SUCCESS: not a part
                marker.unlink()
            for marker in target.glob(".*.crc"):
                marker.unlink()
            columns = [(field.name, field.dataType.simpleString()) for field in frame.schema]
            rows = int(frame.count())
            tables.append(export.ExportedTable(schema, table, rows, columns, parts=True))
        reference = session.sql("select max(reference_date) from reporting.deck_figures")
        value = reference.collect()[0][0]
    finally:
        spark.stop()
    export.finish(staging, out_dir, tables, value.isoformat() if value else None)
    return tables


def reader_copy(target: Path) -> dict[str, int]:
    """A DuckDB file at `target` with every table of the published Spark schemas (the
    interface), for readers written against the published DuckDB file (`make report`
    on Spark). Typed as on Spark through Arrow: decimal(18,2), date, instants in UTC.
    Returns rows per table."""
    import duckdb

    from imw import interface

    if target.exists():
        target.unlink()
    session = spark.session(spark_home())
    con = duckdb.connect(str(target))
    rows: dict[str, int] = {}
    try:
        for schema in interface.SCHEMAS:
            if not session.catalog.databaseExists(schema):
                continue
            con.execute(f'create schema if not exists "{schema}"')
            for table in session.catalog.listTables(schema):
                if table.isTemporary:
                    continue
                arrow = session.table(f"{schema}.{table.name}").toArrow()  # noqa: F841
                con.execute(f'create table "{schema}"."{table.name}" as select * from arrow')
                rows[f"{schema}.{table.name}"] = arrow.num_rows
        con.execute("checkpoint")
    finally:
        con.close()
        spark.stop()
    return rows
