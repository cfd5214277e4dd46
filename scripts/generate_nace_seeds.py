#!/usr/bin/env python
"""Writes the NACE-BEL seeds (seeds/reference/ref_nace_*.csv) from the pinned package.

The KBO's code tables come from `bce-codes-to-label` (version pinned in
constraints.txt); src/imw/nace_seeds.py says what is taken as is and what is cleaned.
`--check` writes nothing and exits 1 when a committed seed differs from what the
installed package gives (tests/python/test_nace_seeds.py checks the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw.nace_seeds import package_version, render_seeds  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SEEDS, help="seed folder")
    parser.add_argument("--check", action="store_true",
                        help="compare only; exit 1 when a seed differs")
    args = parser.parse_args(argv)

    differing = []
    for name, text in render_seeds().items():
        path = args.out / f"{name}.csv"
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        differing.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8", newline="")
        rows = text.count("\n") - 1
        action = "differs from" if args.check else "wrote"
        print(f"{action} {path} ({rows} rows)", file=sys.stderr)
    version = package_version()
    if args.check and differing:
        print(f"{len(differing)} seed(s) differ from bce-codes-to-label {version}; "
              "run scripts/generate_nace_seeds.py", file=sys.stderr)
        return 1
    if not differing:
        print(f"NACE seeds match bce-codes-to-label {version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
