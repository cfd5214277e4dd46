#!/usr/bin/env python
"""Compare two published warehouses: the same tables, columns and rows?

.venv/bin/python scripts/compare_warehouses.py A.duckdb B.duckdb [--schemas marts ...]

Every table of the schemas marts, reporting, audit and reference (the pipeline's own
build record audit.pipeline_* left out): columns (name, type, order), row counts, an
order-independent checksum of all rows, and the rows compared as multisets. Prints one
line per table and one per difference; exit code 0 when the files hold the same data, 1
when they differ, 2 when a file is missing. See src/imw/compare.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw.compare import SCHEMAS, compare  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_a", type=Path)
    parser.add_argument("file_b", type=Path)
    parser.add_argument("--schemas", nargs="+", default=list(SCHEMAS))
    parser.add_argument("--quiet", action="store_true", help="print only the differences")
    args = parser.parse_args(argv)
    try:
        results, differences = compare(args.file_a, args.file_b, args.schemas)
    except FileNotFoundError as error:
        print(f"compare: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        for result in results:
            print(
                f"{result.table}: {result.rows_a} rows in A, {result.rows_b} rows in B; "
                f"checksum {result.checksum_a:016x} / {result.checksum_b:016x}"
            )
    for difference in differences:
        print(f"DIFFERENT {difference}")
    verdict = "differ" if differences else "hold the same data"
    print(f"compare: {len(results)} tables compared; the files {verdict}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
