"""Editions of the figure book (issue 15): which ones the warehouse holds, the values of
one, and what changed between two.

An edition is the figure book as it stood when one complete delivery was the newest:
`reporting.figure_book_as_of` at that delivery's reference date. `reporting.deck_figures`
is the newest edition. `reporting.figure_change_reasons` holds, per consecutive pair of
editions, the applications or bookings behind a difference (F1, F2, F3, F10); the report
sums them over every pair between the two editions it compares.

A warehouse built before these tables existed still reports: without
`figure_book_as_of` its only edition is deck_figures' date, without
`figure_change_reasons` the changes come without reasons.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import duckdb

REFERENCE_DATE_ENV = "IMW_REFERENCE_DATE"
COMPARE_WITH_ENV = "IMW_COMPARE_WITH"
# How an error names the date it refuses (env and make_report.py's option).
REFERENCE_DATE_NAME = f"{REFERENCE_DATE_ENV} (--reference-date)"
COMPARE_WITH_NAME = f"{COMPARE_WITH_ENV} (--compare-with)"

Values = dict[str, dict[str, Decimal]]  # figure_id -> key -> value


class NotAnEdition(ValueError):
    """A date asked for (IMW_REFERENCE_DATE, IMW_COMPARE_WITH) that is no edition."""

    def __init__(self, what: str, day: date, editions: Sequence[date], why: str = "") -> None:
        available = ", ".join(d.isoformat() for d in editions) or "none"
        reason = why or "is not an edition of the warehouse (reporting.figure_book_as_of)"
        super().__init__(f"{what} {day.isoformat()} {reason}; available editions: {available}")


def date_from_env(name: str) -> date | None:
    """The yyyy-mm-dd date in env `name`, or None when it is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a date (yyyy-mm-dd)") from None


@dataclass(frozen=True)
class FigureChange:
    """One value that differs between the edition shown and the earlier one."""

    figure_id: str
    key: str
    previous_value: Decimal
    value: Decimal
    reasons: list[tuple[str, Decimal]] = field(default_factory=list)  # (label, summed change)

    @property
    def difference(self) -> Decimal:
        return self.value - self.previous_value


@dataclass(frozen=True)
class Comparison:
    """The edition shown against an earlier one; `chosen_by` says how that one was picked:
    'option' (IMW_COMPARE_WITH), 'quarter_end' or 'previous' (the defaults)."""

    previous_reference_date: date
    chosen_by: str
    changes: list[FigureChange]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def list_editions(con: duckdb.DuckDBPyConnection) -> list[date]:
    """The reference dates of figure_book_as_of, oldest first (deck_figures' date when
    the warehouse has no figure_book_as_of)."""
    table = (
        "reporting.figure_book_as_of"
        if _has_table(con, "reporting", "figure_book_as_of")
        else "reporting.deck_figures"
    )
    rows = con.execute(f"select distinct reference_date from {table} order by 1").fetchall()
    return [row[0] for row in rows]


def figure_values(
    con: duckdb.DuckDBPyConnection, reference_date: date | None = None
) -> tuple[date, Values]:
    """The figure book of one edition: deck_figures (the newest) when reference_date is
    None, else figure_book_as_of at that date."""
    if reference_date is None:
        rows = con.execute(
            "select reference_date, figure_id, key, value from reporting.deck_figures"
        ).fetchall()
        if not rows:
            raise ValueError("reporting.deck_figures is empty")
    else:
        rows = con.execute(
            "select reference_date, figure_id, key, value from reporting.figure_book_as_of "
            "where reference_date = ?",
            [reference_date],
        ).fetchall()
        if not rows:
            raise NotAnEdition(REFERENCE_DATE_NAME, reference_date, list_editions(con))
    reference_dates = {row[0] for row in rows}
    if len(reference_dates) != 1:
        raise ValueError(f"deck_figures holds several reference dates: {reference_dates}")
    values: Values = {}
    for _, figure_id, key, value in rows:
        values.setdefault(figure_id, {})[key] = value
    return rows[0][0], values


def is_quarter_end(day: date) -> bool:
    """31/3, 30/6, 30/9 or 31/12."""
    return (day.month, day.day) in ((3, 31), (6, 30), (9, 30), (12, 31))


def choose_previous(
    shown: date, editions: Sequence[date], compare_with: date | None = None
) -> tuple[date, str] | None:
    """The edition to compare `shown` with and how it was chosen: `compare_with` (it must
    be an earlier edition), else the newest quarter-end edition before `shown`, else the
    newest earlier edition; None when there is no earlier edition."""
    if compare_with is not None:
        if compare_with not in editions:
            raise NotAnEdition(COMPARE_WITH_NAME, compare_with, editions)
        if compare_with >= shown:
            raise NotAnEdition(
                COMPARE_WITH_NAME,
                compare_with,
                editions,
                why=f"is not before the edition shown ({shown.isoformat()})",
            )
        return compare_with, "option"
    earlier = [day for day in editions if day < shown]
    quarter_ends = [day for day in earlier if is_quarter_end(day)]
    if quarter_ends:
        return max(quarter_ends), "quarter_end"
    if earlier:
        return max(earlier), "previous"
    return None


def _reasons(
    con: duckdb.DuckDBPyConnection, previous: date, shown: date
) -> dict[tuple[str, str], list[tuple[str, Decimal]]]:
    """(figure_id, key) -> (reason_label, value_change summed over every consecutive pair
    after `previous` up to `shown`), largest first; reasons that net to zero left out."""
    if not _has_table(con, "reporting", "figure_change_reasons"):
        return {}
    rows = con.execute(
        """
        select figure_id, key, reason_label, sum(value_change) as value_change
        from reporting.figure_change_reasons
        where reference_date > ? and reference_date <= ?
        group by figure_id, key, reason_label
        having sum(value_change) <> 0
        order by figure_id, key, abs(sum(value_change)) desc, reason_label
        """,
        [previous, shown],
    ).fetchall()
    reasons: dict[tuple[str, str], list[tuple[str, Decimal]]] = {}
    for figure_id, key, label, change in rows:
        reasons.setdefault((figure_id, key), []).append((label, change))
    return reasons


def differences(shown: Values, previous: Values) -> list[tuple[str, str, Decimal, Decimal]]:
    """(figure_id, key, previous value, value) for each key in both that differs."""
    return [
        (figure_id, key, previous[figure_id][key], value)
        for figure_id, figure in shown.items()
        for key, value in figure.items()
        if key in previous.get(figure_id, {}) and previous[figure_id][key] != value
    ]


def load_comparison(
    con: duckdb.DuckDBPyConnection,
    shown: date,
    values: Values,
    editions: Sequence[date],
    compare_with: date | None = None,
) -> Comparison | None:
    """The comparison of the edition shown (its `values`) with the earlier edition
    `choose_previous` picks; None when there is none."""
    chosen = choose_previous(shown, editions, compare_with)
    if chosen is None:
        return None
    previous, chosen_by = chosen
    _, previous_values = figure_values(con, previous)
    reasons = _reasons(con, previous, shown)
    changes = [
        FigureChange(figure_id, key, before, after, reasons.get((figure_id, key), []))
        for figure_id, key, before, after in differences(values, previous_values)
    ]
    return Comparison(previous_reference_date=previous, chosen_by=chosen_by, changes=changes)
