"""The publishable CSV of the figure book: every value of reporting.deck_figures, with
small cells protected.

Format (plain, machine-readable, so it loads the same in every locale and tool): UTF-8,
`,` as field separator, `.` as decimal separator, no thousands separator, one header row.
Columns:

- reference_date  yyyy-mm-dd
- figure_id       F1 .. F12
- key             as in reporting.deck_figures (warehouse-interface.md)
- kind            count, amount (euro), share (%) or average
- value           the value in plain format (counts as integers, others to 2 decimals),
                  or `< 5` for a protected count
- value_nl        the same value as the report prints it (Belgian format: `15.305`,
                  `€ 1.776.737,49`, `82,3 %`), or `< 5`
- suppressed      true when the count is below the threshold and withheld
"""

from __future__ import annotations

import csv
import io

from .data import FigureBook, value_kind
from .numbers import Kind, Protection

COLUMNS = ("reference_date", "figure_id", "key", "kind", "value", "value_nl", "suppressed")


def _order(figure_id: str) -> int:
    return int(figure_id[1:])


def render_csv(book: FigureBook, protection: Protection) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for figure_id, key, value in sorted(book.rows(), key=lambda r: (_order(r[0]), r[1])):
        kind = value_kind(figure_id, key)
        decimals = 2 if kind is Kind.AVERAGE else 1
        writer.writerow(
            (
                book.reference_date.isoformat(),
                figure_id,
                key,
                kind.value,
                protection.plain(value, kind),
                protection.show(value, kind, decimals),
                "true" if protection.is_suppressed(value, kind) else "false",
            )
        )
    return buffer.getvalue()
