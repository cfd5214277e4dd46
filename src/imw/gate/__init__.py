"""The delivery gate: validate each new delivery before dbt reads anything.

Structural checks (refusals of `source-extracts.md`): a file missing from the folder or
absent from the manifest, a file in the folder that the manifest does not list, a row
count / sha256 / control total that differs from the manifest, a header that differs from
the specification (a missing byte-order mark included), invalid UTF-8; and, named by line,
what the warehouse's CSV reader cannot read as meant (an empty line, a lone CR ending a
row, broken quoting). A row with the wrong number of fields, a line ending in LF and a
last line without line end are warnings: the file is read and dbt quarantines the rows
that cannot be interpreted (`structure.py`). Then one Great Expectations suite per
extract file (`suites.py`); its failures are warnings, because the warehouse keeps and
flags or quarantines such rows.

Every run, not only for new deliveries: `integrity.verify_deliveries` checks the sha256
of every file of every complete delivery and the unlisted-file rule (deliveries are
immutable).

Entry points: `run_gate()` (used by `imw.pipeline`) and `python -m imw.gate`.
"""

from imw.gate.findings import REFUSE, WARN, DeliveryRefused, Finding
from imw.gate.integrity import IntegrityCheck, verify_deliveries
from imw.gate.runner import GateResult, run_gate, scan

__all__ = [
    "REFUSE",
    "WARN",
    "DeliveryRefused",
    "Finding",
    "GateResult",
    "IntegrityCheck",
    "run_gate",
    "scan",
    "verify_deliveries",
]
