"""`python -m imw.gate [--all]`: validate the deliveries without building anything.

Same as `scripts/run_pipeline.py --gate-only`: exit 0 when no delivery is refused, 2 when
one is, 4 when a pipeline run holds the lock.
"""

import sys

from imw.pipeline import main

if __name__ == "__main__":
    sys.exit(main(["--gate-only", *sys.argv[1:]]))
