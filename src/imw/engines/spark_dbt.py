"""dbt on the warehouse's Spark session: `python -m imw.engines.spark_dbt <dbt arguments>`.

Starts the session (imw.engines.spark: local, or Spark Connect with IMW_SPARK_REMOTE,
the pseudonym functions registered), then runs dbt in this process with
`--target spark`, so that dbt-spark's `session` connections get that session. With
`--steps <file.json>` it runs the figure book's replay steps instead (imw.editions:
one parse, one dbt invocation per step). Exit code: dbt's (0 ok, 1 failed, 2 error).
The session's private folder is env IMW_SPARK_HOME (default data/spark)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from imw.engines import EngineError, spark

REPO = Path(__file__).resolve().parents[3]


def spark_home() -> Path:
    """The local session's private folder: env IMW_SPARK_HOME, else <repo>/data/spark."""
    return Path(os.environ.get(spark.HOME_VARIABLE) or REPO / "data" / "spark").resolve()


def with_target(args: Sequence[str]) -> list[str]:
    """dbt's arguments with `--target spark` added when no target is given."""
    args = list(args)
    if "--target" not in args and "-t" not in args and args and args[0] not in ("--version",):
        args += ["--target", "spark"]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ["IMW_ENGINE"] = "spark"
    try:
        spark.session(spark_home())
    except EngineError as exc:
        print(f"imw: {exc}", file=sys.stderr, flush=True)
        return 2
    try:
        if args and args[0] == "--steps":
            from imw import editions

            return editions.main(args[1:], target_args=["--target", "spark"])
        from dbt.cli.main import dbtRunner

        result = dbtRunner().invoke(with_target(args))
        if result.success:
            return 0
        return 1 if result.exception is None else 2
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
