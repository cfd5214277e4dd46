"""The figure book as a report: one self-contained HTML page and a publishable CSV.

    from imw.report import build_report
    html_path, csv_path = build_report("data/warehouse.duckdb", "data/reports")

Reads the published warehouse read-only (reporting.deck_figures, labels from the marts),
applies small-cell protection (imw.report.numbers) and writes
`<reports>/figure_book.html` and `<reports>/deck_figures_public.csv`.
"""

from __future__ import annotations

from pathlib import Path

from .data import FigureBook, default_reports_dir, default_warehouse_path, load
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
    "Protection",
    "build_report",
    "default_reports_dir",
    "default_warehouse_path",
    "load",
    "render_html",
]


def render_html(book: FigureBook, protection: Protection) -> str:
    return render(book, build_sections(book, protection), protection)


def _write(path: Path, text: str) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def build_report(
    warehouse: Path | str | None = None,
    reports_dir: Path | str | None = None,
    protection: Protection | None = None,
) -> tuple[Path, Path]:
    """Write the HTML figure book and the public CSV; return their paths."""
    warehouse = Path(warehouse) if warehouse else default_warehouse_path()
    out = Path(reports_dir) if reports_dir else default_reports_dir()
    protection = protection or Protection.from_env()
    book = load(warehouse)
    out.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out / HTML_NAME, out / CSV_NAME
    _write(html_path, render_html(book, protection))
    _write(csv_path, render_csv(book, protection))
    return html_path, csv_path
