#!/usr/bin/env python
"""Entry point for the scheduler and `make run`; see imw.pipeline for options and exit codes."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from imw.pipeline import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
