"""The gate's vocabulary: a finding (refusal or warning) and the exception that refuses."""

from __future__ import annotations

from dataclasses import dataclass, field

REFUSE = "REFUSE"
WARN = "WARN"


@dataclass(frozen=True)
class Finding:
    """One thing the gate noticed about a delivery file."""

    severity: str  # REFUSE or WARN
    delivery: str
    file: str | None
    problem: str
    line: int | None = None  # physical line in the file (header = line 1)

    def __str__(self) -> str:
        where = self.delivery
        if self.file:
            where += f"/{self.file}"
        if self.line is not None:
            where += f" line {self.line}"
        return f"{self.severity} {where}: {self.problem}"


@dataclass
class DeliveryRefused(Exception):
    """Raised when at least one delivery must not be built or published."""

    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        refusals = [f for f in self.findings if f.severity == REFUSE]
        return "delivery refused:\n" + "\n".join(f"  {f}" for f in refusals)
