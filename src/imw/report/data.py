"""Reads what the report needs from the published warehouse, read-only.

The numbers come from `reporting.deck_figures` (the figure book), or for an earlier
edition from `reporting.figure_book_as_of` at its reference date, together with the
comparison with an earlier edition (imw.report.editions); Dutch labels from the marts'
dimensions. Two charts show a breakdown the figure book does not hold (processing
time per quarter, handled mails per month); those are computed from the marts with the
same definitions as the figure book.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

from .editions import (
    REFERENCE_DATE_NAME,
    Comparison,
    NotAnEdition,
    figure_values,
    list_editions,
    load_comparison,
)
from .numbers import Kind

# First day of the deck's reference period (dbt var reporting_period_start).
REPORTING_PERIOD_START = date(2023, 7, 1)

PREMIUM_TYPES = ("LP", "LPBP", "OP")
COMPONENTS = ("LOONPREMIE", "BEGELEIDINGSPREMIE", "ONDERSTEUNINGSPREMIE")
COMPONENT_LABELS = {
    "LOONPREMIE": "Afrekeningsbedrag loonpremie",
    "BEGELEIDINGSPREMIE": "Afrekeningsbedrag begeleidingspremie",
    "ONDERSTEUNINGSPREMIE": "Afrekeningsbedrag ondersteuningspremie",
}
# How a table's column names a component.
COMPONENT_SHORT_LABELS = {
    "LOONPREMIE": "Loonpremie",
    "BEGELEIDINGSPREMIE": "Begeleidingspremie",
    "ONDERSTEUNINGSPREMIE": "Ondersteuningspremie",
}


def default_warehouse_path() -> Path:
    return Path(os.environ.get("IMW_WAREHOUSE_PATH", "data/warehouse.duckdb"))


def default_reports_dir() -> Path:
    return Path(os.environ.get("IMW_REPORTS_DIR", "data/reports"))


def value_kind(figure_id: str, key: str) -> Kind:
    """Whether a figure-book value is a count, an amount, a share or an average."""
    if figure_id == "F10":
        return Kind.AMOUNT
    if figure_id in ("F11", "F12"):
        return Kind.AVERAGE
    if figure_id == "F3" and key.startswith("share|"):
        return Kind.SHARE
    if figure_id == "F7" and key.startswith("division|"):
        return Kind.SHARE
    return Kind.COUNT


@dataclass
class FigureBook:
    """The figure book of one reference date, plus the labels to print it."""

    reference_date: date
    values: dict[str, dict[str, Decimal]]  # figure_id -> key -> value
    premium_type_labels: dict[str, str] = field(default_factory=dict)
    province_labels: dict[str, str] = field(default_factory=dict)  # NIS code -> label
    province_order: list[str] = field(default_factory=list)
    division_labels: dict[str, str] = field(default_factory=dict)
    subclass_labels: dict[str, str] = field(default_factory=dict)
    # (figure_id, figure-book key) -> the label exactly as the deck prints it
    deck_wordings: dict[tuple[str, str], str] = field(default_factory=dict)
    processing_by_quarter: list[tuple[str, Decimal, int]] = field(default_factory=list)
    mails_by_month: list[tuple[date, int]] = field(default_factory=list)
    # the table the values come from: deck_figures (the newest edition) or, for an
    # earlier edition, figure_book_as_of
    source: str = "reporting.deck_figures"
    # the comparison with an earlier edition; None when there is none
    comparison: Comparison | None = None

    def get(self, figure_id: str, key: str) -> Decimal | None:
        return self.values.get(figure_id, {}).get(key)

    def keys(self, figure_id: str) -> list[str]:
        return list(self.values.get(figure_id, {}))

    def rows(self) -> list[tuple[str, str, Decimal]]:
        return [
            (figure_id, key, value)
            for figure_id, figure in self.values.items()
            for key, value in figure.items()
        ]


def load(
    warehouse: Path | str,
    reference_date: date | None = None,
    compare_with: date | None = None,
) -> FigureBook:
    """Read the figure book and labels; the connection is read-only and closed after.

    reference_date: the edition to read (None: deck_figures, the newest); compare_with:
    the earlier edition to compare it with (None: the default of
    imw.report.editions.choose_previous). A date that is no edition raises NotAnEdition.
    """
    path = Path(warehouse)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `make run` first")
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _load(con, reference_date, compare_with)
    finally:
        con.close()


def _load_edition(con: duckdb.DuckDBPyConnection, reference_date: date | None) -> FigureBook:
    """The values of one edition, with the comparison not yet filled in."""
    if reference_date is None:
        shown, values = figure_values(con)
        return FigureBook(reference_date=shown, values=values)
    editions = list_editions(con)
    if reference_date not in editions:
        raise NotAnEdition(REFERENCE_DATE_NAME, reference_date, editions)
    shown, values = figure_values(con, reference_date)
    return FigureBook(reference_date=shown, values=values, source="reporting.figure_book_as_of")


def _load(
    con: duckdb.DuckDBPyConnection,
    reference_date: date | None = None,
    compare_with: date | None = None,
) -> FigureBook:
    book = _load_edition(con, reference_date)
    book.comparison = load_comparison(
        con, book.reference_date, book.values, list_editions(con), compare_with
    )

    book.premium_type_labels = dict(
        con.execute(
            "select premium_type_code, premium_type_label_nl from marts.dim_premium_type"
        ).fetchall()
    )
    provinces = con.execute(
        """
        select province_code, province_label_nl
        from marts.dim_province
        order by
            case region_code when '02000' then 1 when '04000' then 2 when '03000' then 3
                else 4 end,
            province_code
        """
    ).fetchall()
    book.province_labels = dict(provinces)
    book.province_order = [code for code, _ in provinces]
    book.division_labels = dict(
        con.execute(
            "select distinct nace_division_code, nace_division_label_nl from marts.dim_sector"
        ).fetchall()
    )
    book.subclass_labels = dict(
        con.execute(
            "select nace_subclass_code, nace_subclass_label_nl from marts.dim_sector"
        ).fetchall()
    )
    book.deck_wordings = deck_wordings(con)
    # F11 per quarter of submission (same population as the figure book's F11).
    book.processing_by_quarter = con.execute(
        """
        select
            quarters.quarter_label,
            avg(applications.processing_days) as average_days,
            count(*) as application_count
        from marts.fact_application as applications
        inner join marts.dim_quarter as quarters
            on applications.submitted_quarter_key = quarters.quarter_key
        where
            applications.application_kind_code = 'NIEUW'
            and applications.status_code in ('GOEDGEKEURD', 'GEWEIGERD')
            and applications.submitted_on between ? and ?
        group by quarters.quarter_key, quarters.quarter_label
        order by quarters.quarter_key
        """,
        [REPORTING_PERIOD_START, book.reference_date],
    ).fetchall()
    # F12 per calendar month of handling (same population as the figure book's F12).
    book.mails_by_month = con.execute(
        """
        select
            cast(date_trunc('month', handled_on) as date) as handled_month,
            count(*) as mail_count
        from marts.fact_mail
        where
            is_functional_mailbox
            and is_handled
            and handled_on between ? and ?
        group by handled_month
        order by handled_month
        """,
        [REPORTING_PERIOD_START, book.reference_date],
    ).fetchall()
    return book


def deck_wordings(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """How the deck labels the sectors it ranks (F7, F8), from the seed of published
    figures (its `printed_as`). The dimensions keep the official NACE-BEL labels; the
    report quotes the deck, so it shows the deck's wording where the deck has one, e.g.
    84.114 "Gemeentelijke overheid en O.C.M.W." (official: "Gemeentelijke overheid, met
    uitzondering van het O.C.M.W."). A label the deck cut short ("…") is not a wording."""
    rows = con.execute(
        """
        select figure_id, published_key, printed_as
        from reference.published_figures
        where comparison = 'rank' and figure_id in ('F7', 'F8')
        """
    ).fetchall()
    return {
        (figure_id, key): printed
        for figure_id, key, printed in rows
        if not printed.endswith("…")
    }
