"""The figure book as a report: one self-contained HTML page and a publishable CSV.

    from imw.report import build_report
    html_path, csv_path = build_report("data/warehouse.duckdb", "data/reports")

Reads the published warehouse read-only (reporting.deck_figures, labels from the marts),
applies small-cell protection (imw.report.numbers) and writes
`<reports>/figure_book.html` and `<reports>/deck_figures_public.csv`. The page ends with
what changed since an earlier edition (imw.report.changes). An earlier edition instead
of the newest: `build_report(..., reference_date=date(2025, 9, 30))` (env
IMW_REFERENCE_DATE); the edition compared with: `compare_with=` (env IMW_COMPARE_WITH).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .changes import changes_section
from .data import FigureBook, default_reports_dir, default_warehouse_path, load
from .editions import COMPARE_WITH_ENV, REFERENCE_DATE_ENV, NotAnEdition, date_from_env
from .html import render
from .numbers import Protection
from .public_csv import render_csv
from .sections import build_sections

HTML_NAME = "figure_book.html"
CSV_NAME = "deck_figures_public.csv"

__all__ = [
    "CSV_NAME",
    "HTML_NAME",
    "FigureBook",
    "NotAnEdition",
    "Protection",
    "build_report",
    "default_reports_dir",
    "default_warehouse_path",
    "load",
    "render_html",
]


def render_html(book: FigureBook, protection: Protection) -> str:
    return render(
        book, build_sections(book, protection), protection, changes_section(book, protection)
    )


def _write(path: Path, text: str) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def build_report(
    warehouse: Path | str | None = None,
    reports_dir: Path | str | None = None,
    protection: Protection | None = None,
    reference_date: date | None = None,
    compare_with: date | None = None,
) -> tuple[Path, Path]:
    """Write the HTML figure book and the public CSV; return their paths.

    reference_date / compare_with default to env IMW_REFERENCE_DATE / IMW_COMPARE_WITH
    (unset: the newest edition, compared with the default earlier one)."""
    warehouse = Path(warehouse) if warehouse else default_warehouse_path()
    out = Path(reports_dir) if reports_dir else default_reports_dir()
    protection = protection or Protection.from_env()
    book = load(
        warehouse,
        reference_date or date_from_env(REFERENCE_DATE_ENV),
        compare_with or date_from_env(COMPARE_WITH_ENV),
    )
    out.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out / HTML_NAME, out / CSV_NAME
    _write(html_path, render_html(book, protection))
    _write(csv_path, render_csv(book, protection))
    return html_path, csv_path
