#!/usr/bin/env python
"""Writes simulated monthly deliveries of the IMW source system (see README)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw.generator import build_truth, write_deliveries  # noqa: E402
from imw.generator.writer import clear  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path,
                        default=Path(os.environ.get("IMW_EXTRACTS_DIR", "data/extracts")),
                        help="extracts folder (default: $IMW_EXTRACTS_DIR or data/extracts)")
    parser.add_argument("--seed", type=int, default=20260319, help="random seed")
    parser.add_argument("--scale", type=int, default=1,
                        help="multiplies all volumes; the deck is reproduced exactly at 1")
    parser.add_argument("--only-latest", action="store_true",
                        help="write only the newest delivery (2026-02-28)")
    parser.add_argument("--clean", action="store_true",
                        help="remove earlier delivery folders in --out first")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.clean:
        clear(args.out)
    if not args.quiet:
        print(f"simulating the programme (seed {args.seed}, scale {args.scale}) ...",
              file=sys.stderr)
    truth = build_truth(seed=args.seed, scale=args.scale)
    if not args.quiet:
        print(f"  history drawn in {time.perf_counter() - started:.1f} s: "
              f"{len(truth.applications):,} applications, {len(truth.organisations):,} "
              f"organisations, {len(truth.settlements):,} bookings, {len(truth.mails):,} mails",
              file=sys.stderr)
    folders = write_deliveries(truth, args.out, only_latest=args.only_latest,
                               progress=not args.quiet)
    print(f"wrote {len(folders)} deliveries to {args.out} in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
