"""The delivery gate: validate each new delivery before dbt reads anything.

Structural checks (refusals of `source-extracts.md`): a file missing or absent from the
manifest, row count / sha256 / control total that differ from the manifest, a header that
differs from the specification, invalid UTF-8, a missing byte-order mark, a truncated or
malformed file. Then one Great Expectations suite per extract file (`suites.py`); its
failures are warnings, because the warehouse keeps and flags or quarantines such rows.

Entry points: `run_gate()` (used by `imw.pipeline`) and `python -m imw.gate`.
"""

from imw.gate.findings import REFUSE, WARN, DeliveryRefused, Finding
from imw.gate.runner import GateResult, run_gate, scan

__all__ = ["REFUSE", "WARN", "DeliveryRefused", "Finding", "GateResult", "run_gate", "scan"]
