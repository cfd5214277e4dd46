"""Write-audit-publish on Spark (issue 13): versioned schemas behind the published views.

dbt builds on Spark into private schemas, `imw_build__<schema>` (generate_schema_name);
they change with every build, and a failed build can leave them half-written. Readers
use the published schemas `marts`, `reporting`, `audit`, `reference` and `semantic`,
which hold one view per table of the interface and nothing else. Publishing a build:

1. write: every table of the interface schemas of the build is copied (`create table
   ... using parquet as select *`) into the schemas of a new version,
   `imw_v<version>__<schema>`, with `audit.pipeline_build` and
   `audit.pipeline_deliveries` (the build's record, as in the DuckDB file);
2. audit: the version holds exactly the build's interface tables, tables only, with the
   build's row counts, and no column whose name says INSZ or a person's name;
3. publish: each published view is replaced (`create or replace view <schema>.<table>
   as select * from imw_v<version>__<schema>.<table>`), views of tables the new
   version no longer has are dropped; the version before is kept for `rollback`, older
   ones are dropped.

A failure in 1 or 2 drops the new version and leaves the published views as they
were. Spark's catalog has no transaction over several objects: each view switches
atomically (a query reads a whole version of each table, never a half-written one),
but the views switch one after the other, within a second; a query that joins two
tables at that instant can read one table of each version.

Run in its own process (`python -m imw.engines.spark_publish <command> <spec.json>`,
from imw.spark_pipeline) with the warehouse's session (imw.engines.spark): a local
session's Derby metastore admits one process at a time, and dbt's has exited by then.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from imw import interface
from imw.engines import EngineError, spark

BUILD_PREFIX = "imw_build__"
VERSION_PATTERN = re.compile(r"^imw_v([0-9a-f]{16})__([a-z_]+)$")
# Column names that would say the interface holds an INSZ or a natural person's name
# (insz_is_valid, a flag, is the one INSZ column the interface has; the dbt test
# assert_no_personal_identifiers_published checks the same on the build).
PERSONAL_COLUMN = re.compile(
    r"insz(?!_is_valid$)|rijksregister|national_number|first_name|last_name|voornaam"
    r"|achternaam"
)


class PublishFailed(Exception):
    """The new version failed its audit, or could not be written; nothing published."""


def version_of(build_id: str) -> str:
    """The version tag of a build: the first 16 hex digits of its id."""
    return build_id[:16]


def version_schema(version: str, schema: str) -> str:
    return f"imw_v{version}__{schema}"


def _tables(session: Any, database: str) -> list[str]:
    """The tables and views (not temporary) of a Spark database; [] if it does not exist."""
    if not session.catalog.databaseExists(database):
        return []
    return sorted(t.name for t in session.catalog.listTables(database) if not t.isTemporary)


def build_tables(session: Any, prefix: str = BUILD_PREFIX) -> dict[str, list[str]]:
    """The build's tables per interface schema (its private `imw_build__<schema>`)."""
    return {schema: _tables(session, prefix + schema) for schema in interface.SCHEMAS}


def versions(session: Any) -> list[str]:
    """The versions that have schemas in the catalog."""
    found = set()
    for database in session.catalog.listDatabases():
        match = VERSION_PATTERN.match(database.name)
        if match:
            found.add(match.group(1))
    return sorted(found)


def drop_version(session: Any, version: str) -> None:
    for schema in interface.SCHEMAS:
        session.sql(f"drop database if exists {version_schema(version, schema)} cascade")


def write_version(session: Any, spec: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Step 1: copy the build's interface tables into the new version's schemas, with
    the build's record; returns the rows of each table (`schema.table`) in the build
    and in its copy, counted in one query per table, for the audit."""
    version = version_of(spec["build_id"])
    drop_version(session, version)  # what an interrupted publish of this build left
    rows: dict[str, tuple[int, int]] = {}
    for schema, tables in build_tables(session).items():
        target = version_schema(version, schema)
        session.sql(f"create database {target}")
        for table in tables:
            source = f"{BUILD_PREFIX}{schema}.{table}"
            session.sql(
                f"create table {target}.{table} using parquet as select * from {source}"
            )
            built, copied = session.sql(
                f"select (select count(*) from {source}), "
                f"(select count(*) from {target}.{table})"
            ).collect()[0]
            rows[f"{schema}.{table}"] = (int(built), int(copied))
    _write_record(session, version_schema(version, "audit"), spec)
    return rows


def _write_record(session: Any, audit: str, spec: dict[str, Any]) -> None:
    from pyspark.sql.types import (
        BooleanType,
        DoubleType,
        StringType,
        StructField,
        StructType,
        TimestampType,
    )

    deliveries = session.createDataFrame(
        sorted(spec["deliveries"].items()),
        StructType(
            [
                StructField("delivery", StringType(), False),
                StructField("manifest_sha256", StringType(), False),
            ]
        ),
    )
    deliveries.write.format("parquet").saveAsTable(f"{audit}.pipeline_deliveries")
    build = session.createDataFrame(
        [
            (
                spec["build_id"],
                spec["code_fingerprint"],
                bool(spec["full_refresh"]),
                dt.datetime.now(dt.UTC),
                spec.get("gate_seconds"),
                spec.get("build_seconds"),
            )
        ],
        StructType(
            [
                StructField("build_id", StringType(), False),
                StructField("code_fingerprint", StringType(), False),
                StructField("full_refresh", BooleanType()),
                StructField("published_at", TimestampType()),
                StructField("gate_seconds", DoubleType()),
                StructField("build_seconds", DoubleType()),
            ]
        ),
    )
    build.write.format("parquet").saveAsTable(f"{audit}.pipeline_build")


def audit_version(
    session: Any,
    version: str,
    built: dict[str, list[str]],
    rows: dict[str, tuple[int, int]],
) -> list[str]:
    """Step 2: why the version must not be published; empty when it may be."""
    problems = []
    for schema in interface.SCHEMAS:
        target = version_schema(version, schema)
        expected = set(built.get(schema, []))
        if schema == "audit":
            expected |= {"pipeline_build", "pipeline_deliveries"}
        found = {t.name: t for t in session.catalog.listTables(target) if not t.isTemporary}
        if set(found) != expected:
            problems.append(
                f"{target} holds {sorted(found)}, expected {sorted(expected)}"
            )
        for name, table in sorted(found.items()):
            if table.tableType == "VIEW":
                problems.append(f"{target}.{name} is a view, not a copy")
            columns = [c.name for c in session.catalog.listColumns(f"{target}.{name}")]
            personal = [c for c in columns if PERSONAL_COLUMN.search(c.lower())]
            if personal:
                problems.append(f"{target}.{name} has personal columns {personal}")
            counts = rows.get(f"{schema}.{name}")
            if counts is not None and counts[0] != counts[1]:
                problems.append(
                    f"{target}.{name}: {counts[1]} rows, the build's table {counts[0]}"
                )
    return problems


def switch_views(session: Any, version: str) -> int:
    """Step 3: the published schemas' views over the version; returns views switched."""
    switched = 0
    for schema in interface.SCHEMAS:
        source = version_schema(version, schema)
        tables = _tables(session, source)
        session.sql(f"create database if not exists {schema}")
        for table in tables:
            session.sql(
                f"create or replace view {schema}.{table} as select * from {source}.{table}"
            )
            switched += 1
        for stale in sorted(set(_tables(session, schema)) - set(tables)):
            session.sql(f"drop view if exists {schema}.{stale}")
    return switched


def published_version(session: Any) -> str | None:
    """The version the published views read (from audit.pipeline_build's view)."""
    if "pipeline_build" not in _tables(session, "audit"):
        return None
    row = session.sql("select build_id from audit.pipeline_build").collect()
    return version_of(row[0][0]) if row else None


def publish(session: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """Write, audit and publish the build of `spec` (build_id, deliveries,
    code_fingerprint, full_refresh, gate_seconds, build_seconds, keep: versions to
    keep besides the new one, normally the one published before)."""
    version = version_of(spec["build_id"])
    built = build_tables(session)
    if not built.get("reporting"):
        raise PublishFailed(f"the build has no reporting tables in {BUILD_PREFIX}reporting")
    try:
        rows = write_version(session, spec)
        problems = audit_version(session, version, built, rows)
    except Exception:
        drop_version(session, version)
        raise
    if problems:
        drop_version(session, version)
        raise PublishFailed("the new version failed its audit: " + "; ".join(problems))
    before = published_version(session)
    views = switch_views(session, version)
    keep = {version, *(spec.get("keep") or []), *([before] if before else [])}
    dropped = [old for old in versions(session) if old not in keep]
    for old in dropped:
        drop_version(session, old)
    return {
        "version": version,
        "previous": before,
        "rows": {name: copied for name, (_, copied) in rows.items()},
        "views": views,
        "dropped": dropped,
    }


def rollback(session: Any, version: str) -> int:
    """Publish an earlier version again (its schemas must still exist)."""
    if version not in versions(session):
        raise PublishFailed(f"version {version} is not in the catalog; nothing rolled back")
    return switch_views(session, version)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m imw.engines.spark_publish publish|rollback <spec.json> <result.json>`."""
    from imw.engines.spark_dbt import spark_home

    command, spec_path, result_path = list(sys.argv[1:] if argv is None else argv)
    spec = json.loads(Path(spec_path).read_text())
    try:
        session = spark.session(spark_home())
    except EngineError as exc:
        print(f"imw: {exc}", file=sys.stderr, flush=True)
        return 2
    try:
        if command == "publish":
            result = publish(session, spec)
        elif command == "rollback":
            result = {"views": rollback(session, spec["version"])}
        else:
            print(f"imw: unknown command {command}", file=sys.stderr)
            return 2
    except PublishFailed as exc:
        print(f"imw: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        spark.stop()
    Path(result_path).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
