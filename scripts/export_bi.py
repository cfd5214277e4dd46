#!/usr/bin/env python
"""`make export`: the marts and the reporting schema as Parquet, plus views.sql over them.

Reads the published warehouse read-only (env IMW_WAREHOUSE_PATH, default
data/warehouse.duckdb; with IMW_ENGINE=spark the published schemas on Spark, each table
then a folder of Parquet parts, imw.engines.spark_export) and writes
data/exports/<schema>/<table>.parquet, views.sql and
_export.json (env IMW_EXPORTS_DIR overrides data/exports). See docs/bi-recipes.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw import engines  # noqa: E402
from imw.export import default_exports_dir, export  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    warehouse = args.warehouse or Path(
        os.environ.get("IMW_WAREHOUSE_PATH", "data/warehouse.duckdb")
    )
    out = args.out or default_exports_dir()
    started = time.monotonic()
    try:
        if engines.engine() == "spark":
            from imw.engines.spark_export import export_published

            warehouse = Path("the published schemas on Spark")
            tables = export_published(out)
        else:
            tables = export(warehouse, out)
    except (FileNotFoundError, ValueError, engines.EngineError) as error:
        print(f"export: {error}", file=sys.stderr)
        return 1
    rows = sum(t.rows for t in tables)
    print(
        f"export: {len(tables)} tables, {rows} rows from {warehouse} to {out} "
        f"in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
