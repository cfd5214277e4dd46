"""Belgian number formats and small-cell protection for everything the report publishes.

Belgian notation: `.` groups thousands, `,` is the decimal separator, a space before `%`
and after `€`: `15.305`, `€ 1.776.737,49`, `82,3 %`, `5,9`.

Small-cell protection applies to counts only (numbers of applications, premiums,
organisations, trajectories, providers, mails): a count below the threshold is published
as `< 5` (threshold from env `IMW_SMALL_CELL_THRESHOLD`, default 5; 0 switches it off).
Amounts, shares and averages are published as they are. The warehouse keeps exact values;
protection happens here, at publication.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

DEFAULT_SMALL_CELL_THRESHOLD = 5
THRESHOLD_ENV = "IMW_SMALL_CELL_THRESHOLD"


class Kind(Enum):
    """What a value is: decides its format and whether it is protected."""

    COUNT = "count"
    AMOUNT = "amount"  # euro
    SHARE = "share"  # percent
    AVERAGE = "average"


def small_cell_threshold(value: str | int | None = None) -> int:
    """The threshold: the argument, else env IMW_SMALL_CELL_THRESHOLD, else 5."""
    raw = value if value is not None else os.environ.get(THRESHOLD_ENV, "")
    if raw == "" or raw is None:
        return DEFAULT_SMALL_CELL_THRESHOLD
    threshold = int(raw)
    if threshold < 0:
        raise ValueError(f"{THRESHOLD_ENV} must be 0 or more, got {raw!r}")
    return threshold


def _round(value: Decimal | float | int, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | float | int, decimals: int = 0) -> str:
    """Belgian notation: format_number(15305) == '15.305', (5.9, 1) == '5,9'."""
    rounded = _round(value, decimals)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"  # 1,776,737.49
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return sign + text


def format_count(value: Decimal | float | int) -> str:
    return format_number(value, 0)


def format_amount(value: Decimal | float | int) -> str:
    """Euro to the cent: '€ 1.776.737,49'."""
    return "€ " + format_number(value, 2)


def format_share(value: Decimal | float | int, decimals: int = 1) -> str:
    """A percentage given in % (82.29 -> '82,3 %')."""
    return format_number(value, decimals) + " %"


def format_plain(value: Decimal | float | int, kind: Kind) -> str:
    """Machine-readable: '.' as decimal separator, no grouping (for the CSV)."""
    if kind is Kind.COUNT:
        return str(int(_round(value, 0)))
    return str(_round(value, 2))


@dataclass(frozen=True)
class Protection:
    """Applies the small-cell rule with one threshold."""

    threshold: int = DEFAULT_SMALL_CELL_THRESHOLD

    @classmethod
    def from_env(cls) -> Protection:
        return cls(small_cell_threshold())

    def is_suppressed(self, value: Decimal | float | int | None, kind: Kind) -> bool:
        """True for a count 1 .. threshold-1 (0 is not a small cell: nobody is in it)."""
        if value is None or kind is not Kind.COUNT or self.threshold <= 0:
            return False
        magnitude = abs(Decimal(value)) if isinstance(value, Decimal) else abs(value)
        return 0 < magnitude < self.threshold

    @property
    def label(self) -> str:
        return f"< {self.threshold}"

    def show(self, value: Decimal | float | int | None, kind: Kind, decimals: int = 1) -> str:
        """The value as the report prints it, Belgian format, protected."""
        if value is None:
            return "–"
        if self.is_suppressed(value, kind):
            return self.label
        if kind is Kind.COUNT:
            return format_count(value)
        if kind is Kind.AMOUNT:
            return format_amount(value)
        if kind is Kind.SHARE:
            return format_share(value, decimals)
        return format_number(value, decimals)

    def show_change(self, value: Decimal | float | int, kind: Kind, decimals: int = 1) -> str:
        """A difference as the report prints it: signed ('+3', '-€ 34,56', '+0,40 %'),
        Belgian format, protected like a value of its kind (a count change of 1 .. 4 is
        '< 5': it counts applications too)."""
        if self.is_suppressed(value, kind):
            return self.label
        magnitude = -value if value < 0 else value
        sign = "+" if value > 0 else "-" if value < 0 else ""
        return sign + self.show(magnitude, kind, decimals)

    def plain(self, value: Decimal | float | int | None, kind: Kind) -> str:
        """The value as the CSV export prints it, plain format, protected."""
        if value is None:
            return ""
        if self.is_suppressed(value, kind):
            return self.label
        return format_plain(value, kind)

    def chart_value(self, value: Decimal | float | int | None, kind: Kind) -> float:
        """What a chart may draw: a suppressed value is not drawn (0)."""
        if value is None or self.is_suppressed(value, kind):
            return 0.0
        return float(value)
