"""Apache Spark as the warehouse's engine (`IMW_ENGINE=spark`; issue 13).

dbt runs on Spark through dbt-spark's `session` method: dbt asks pyspark for *the*
session of its process (`SparkSession.builder.getOrCreate()`), so this module starts
that session before dbt does, in the same process, and gives it what the models need:

- the pseudonym functions `imw_pseudonym(string)` and `imw_pseudonym_key_fingerprint()`
  as session functions (Python UDFs of `imw.pseudonym`): the key is read from the
  environment here and never becomes SQL text, as on DuckDB. Session functions cannot
  stand in a permanent view, which is why the staging models are ephemeral on Spark;
- a local session by default (`local[2]`, env `IMW_SPARK_MASTER`), with its warehouse
  folder and its Derby metastore in a private folder (`spark_home`); or a cluster
  through Spark Connect when `IMW_SPARK_REMOTE` is set (`sc://host:15002`), whose
  catalog and storage are the cluster's;
- instants in UTC (`spark.sql.session.timeZone`), the time zone the macros expect of an
  instant; Brussels wall clocks are computed from them (imw_brussels_wall_clock).

`python -m imw.engines.spark_dbt <dbt arguments>` is dbt on this session (the pipeline
and `make` call it); a bare `dbt build --target spark` has no pseudonym function and
stops at its first staging model, with the error naming `imw_pseudonym`.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from imw import pseudonym
from imw.engines import EngineError

log = logging.getLogger("imw.engines.spark")

MASTER_VARIABLE = "IMW_SPARK_MASTER"
REMOTE_VARIABLE = "IMW_SPARK_REMOTE"
HOME_VARIABLE = "IMW_SPARK_HOME"
DRIVER_MEMORY_VARIABLE = "IMW_SPARK_DRIVER_MEMORY"

# Small data, two cores: few shuffle partitions, no UI, no adaptive re-planning surprises.
LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    "spark.sql.legacy.createHiveTableByDefault": "false",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.adaptive.enabled": "true",
    # no broadcast join chosen at run time from a shuffle's compressed size: without
    # this the scale-10 increment failed in figure_change_reasons (`Could not allocate
    # memory to grow BytesToBytesMap` reading a broadcast), with it it passes
    # (benchmarks/engines); joins planned as broadcasts from table sizes stay
    "spark.sql.adaptive.autoBroadcastJoinThreshold": "-1",
    # instants in Parquet as INT64 microseconds (isAdjustedToUTC), not legacy INT96
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
}


def driver_memory() -> str:
    """The local session's heap: env IMW_SPARK_DRIVER_MEMORY (`6g`, `8192m`), else a
    third of the machine's memory, at least 4g and at most 16g. In a local session the
    driver is also the executor: at scale 10 a fixed 4g ran out (`Could not allocate
    memory to grow BytesToBytesMap`) at the 16th edition of the figure book."""
    configured = os.environ.get(DRIVER_MEMORY_VARIABLE)
    if configured:
        return configured
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return "4g"
    gibibytes = min(16, max(4, total // 3 // 2**30))
    return f"{gibibytes}g"


def java_available() -> bool:
    """Whether a Java runtime is on the PATH (or JAVA_HOME): a local session needs one."""
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and Path(home, "bin", "java").exists()))


def remote() -> str | None:
    """The Spark Connect address of env IMW_SPARK_REMOTE, or None for a local session."""
    return os.environ.get(REMOTE_VARIABLE) or None


def session(home: Path) -> Any:
    """The process's Spark session, started with the warehouse's settings and functions.

    `home` holds the local session's warehouse (`warehouse/`) and metastore
    (`metastore_db/`); it is created private (0700). Raises EngineError when pyspark or
    Java is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pinned in requirements.in
        raise EngineError(f"IMW_ENGINE=spark needs pyspark ({exc}); run `make venv`") from None
    address = remote()
    if address:
        builder = SparkSession.builder.remote(address)
        spark = builder.getOrCreate()
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    else:
        if not java_available():
            raise EngineError(
                "IMW_ENGINE=spark: no Java runtime found (java on the PATH or JAVA_HOME); "
                "a local Spark session needs Java 17 or 21 (Debian: openjdk-17-jre-headless)"
            )
        home.mkdir(parents=True, exist_ok=True)
        home.chmod(0o700)
        metastore = home / "metastore_db"
        java_options = f"-Dderby.system.home={home} -Duser.timezone=UTC"
        builder = (
            SparkSession.builder.master(os.environ.get(MASTER_VARIABLE, "local[2]"))
            .appName("imw-warehouse")
            .enableHiveSupport()
            .config("spark.sql.warehouse.dir", str(home / "warehouse"))
            .config(
                "spark.hadoop.javax.jdo.option.ConnectionURL",
                f"jdbc:derby:;databaseName={metastore};create=true",
            )
            .config("spark.driver.extraJavaOptions", java_options)
            .config("spark.driver.memory", driver_memory())
            .config("spark.local.dir", str(home / "tmp"))
        )
        for name, value in LOCAL_SETTINGS.items():
            builder = builder.config(name, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
    register_functions(spark)
    return spark


class _WorkerPseudonymiser:
    """imw_pseudonym as Spark runs it: pickled to the Python workers without any key;
    each worker builds its pseudonymiser from its own environment on first use (a local
    session's workers inherit this process's; on a cluster, set IMW_PSEUDONYM_KEY or
    IMW_PSEUDONYM_KEY_FILE in the executors' environment). So the key never travels
    in a task and never becomes text."""

    def __init__(self) -> None:
        self._function: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._function = None

    def __call__(self, value: str | None) -> str | None:
        if self._function is None:
            self._function = pseudonym.pseudonymiser()
        result: str | None = self._function(value)
        return result


def register_functions(spark: Any) -> None:
    """imw_pseudonym(string) and imw_pseudonym_key_fingerprint() on the session, from
    imw.pseudonym. The fingerprint is computed here, once; it reveals nothing of the key."""
    from pyspark.sql.types import StringType

    spark.udf.register(pseudonym.PSEUDONYM_FUNCTION, _WorkerPseudonymiser(), StringType())
    fingerprint = pseudonym.key_fingerprint()
    spark.udf.register(pseudonym.FINGERPRINT_FUNCTION, lambda: fingerprint, StringType())


def stop() -> None:
    """Stop the process's session, if any (closing the Derby metastore)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover
        return
    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()


def table_rows(home: Path, tables: list[str]) -> dict[str, dict[str, Any]]:
    """The columns and rows of Spark tables (`schema.table`) of the warehouse in
    `home`, each value as text (instants in UTC, `yyyy-mm-dd hh:mm:ss[.ffffff]`), for
    comparing an engine's warehouse with another's. Starts and stops a session."""
    spark = session(home)
    try:
        found: dict[str, dict[str, Any]] = {}
        for name in tables:
            frame = spark.table(name)
            found[name] = {
                "columns": list(frame.columns),
                "rows": [[_text(value) for value in row] for row in frame.collect()],
            }
        return found
    finally:
        spark.stop()


def _text(value: Any) -> str | None:
    """A value as comparable text: null as None, an instant in UTC without zone."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return str(value.isoformat(sep=" "))
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)
