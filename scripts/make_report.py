#!/usr/bin/env python
"""`make report`: the figure book as one self-contained HTML page plus a publishable CSV.

Reads the published warehouse read-only (env IMW_WAREHOUSE_PATH, default
data/warehouse.duckdb; with IMW_ENGINE=spark, a private copy of the published schemas
on Spark) and writes <reports>/figure_book.html and
<reports>/deck_figures_public.csv (env IMW_REPORTS_DIR, default data/reports).
Counts below env IMW_SMALL_CELL_THRESHOLD (default 5; 0 = off) print as "< 5".
Env IMW_REFERENCE_DATE (or --reference-date) renders an earlier edition; the section on
changes compares with env IMW_COMPARE_WITH (or --compare-with), by default the newest
quarter-end edition before the one shown. A date that is not an edition exits 1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw import engines  # noqa: E402
from imw.report import (  # noqa: E402
    Protection,
    build_report,
    default_reports_dir,
    default_warehouse_path,
)
from imw.report.numbers import small_cell_threshold  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse", type=Path, default=None, help="DuckDB file (default: $IMW_WAREHOUSE_PATH)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: $IMW_REPORTS_DIR or data/reports)",
    )
    parser.add_argument(
        "--small-cell-threshold",
        type=int,
        default=None,
        help="counts below this print as '< N' (default: $IMW_SMALL_CELL_THRESHOLD or 5; 0 = off)",
    )
    parser.add_argument(
        "--reference-date",
        type=date.fromisoformat,
        default=None,
        help="yyyy-mm-dd: render that earlier edition (default: $IMW_REFERENCE_DATE, "
        "else the newest, reporting.deck_figures)",
    )
    parser.add_argument(
        "--compare-with",
        type=date.fromisoformat,
        default=None,
        help="yyyy-mm-dd: the earlier edition the changes section compares with (default: "
        "$IMW_COMPARE_WITH, else the newest quarter-end edition before the one shown)",
    )
    args = parser.parse_args(argv)
    warehouse = args.warehouse or default_warehouse_path()
    started = time.monotonic()
    copy_dir = None
    try:
        if engines.engine() == "spark" and args.warehouse is None:
            # The report reads a DuckDB file: a private copy of the published Spark
            # schemas, removed afterwards (imw.engines.spark_export.reader_copy).
            from imw.engines.spark_export import reader_copy

            copy_dir = Path(tempfile.mkdtemp(prefix="imw-report-"))
            warehouse = copy_dir / "published-on-spark.duckdb"
            reader_copy(warehouse)
        protection = Protection(small_cell_threshold(args.small_cell_threshold))
        html_path, csv_path = build_report(
            warehouse,
            args.out or default_reports_dir(),
            protection,
            reference_date=args.reference_date,  # None: build_report reads the env
            compare_with=args.compare_with,
        )
    except (FileNotFoundError, ValueError, engines.EngineError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    finally:
        if copy_dir is not None:
            shutil.rmtree(copy_dir, ignore_errors=True)
    print(
        f"report: wrote {html_path} and {csv_path} from {warehouse} "
        f"(small-cell threshold {protection.threshold}) in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
