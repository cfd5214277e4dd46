"""The figure book report: Belgian formats, small-cell protection, the HTML page and the
public CSV, rendered from a built warehouse."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from imw.report import build_report, load, render_html
from imw.report.data import value_kind
from imw.report.numbers import (
    Kind,
    Protection,
    format_amount,
    format_count,
    format_number,
    format_share,
    small_cell_threshold,
)
from imw.report.public_csv import render_csv
from imw.report.sections import DECK_ORDER
from test_report_support import REPO, built_warehouse, deck_figures, reference_date

DECK_SECTION_ORDER = ["F1", "F2", "F4", "F3", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"]


# --- formats -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (15305, 0, "15.305"),
        (919, 0, "919"),
        (0, 0, "0"),
        (Decimal("1776737.49"), 2, "1.776.737,49"),
        (Decimal("5.90"), 1, "5,9"),
        (Decimal("82.285"), 1, "82,3"),  # half up, not banker's rounding
        (Decimal("-1234.5"), 2, "-1.234,50"),
        (1234567890, 0, "1.234.567.890"),
    ],
)
def test_belgian_number_format(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_belgian_counts_amounts_shares():
    assert format_count(Decimal("15305.00")) == "15.305"
    assert format_amount(Decimal("1776737.49")) == "€ 1.776.737,49"
    assert format_amount(Decimal("53889475.1")) == "€ 53.889.475,10"
    assert format_share(Decimal("82.29")) == "82,3 %"
    assert format_share(Decimal("4.43")) == "4,4 %"


# --- small cells -------------------------------------------------------------------------


def test_small_counts_are_protected_other_kinds_are_not():
    protection = Protection(5)
    assert protection.show(3, Kind.COUNT) == "< 5"
    assert protection.show(4, Kind.COUNT) == "< 5"
    assert protection.show(5, Kind.COUNT) == "5"
    assert protection.show(0, Kind.COUNT) == "0"  # an empty cell reveals nobody
    assert protection.show(Decimal("3.00"), Kind.AMOUNT) == "€ 3,00"
    assert protection.show(Decimal("1.88"), Kind.AVERAGE, 2) == "1,88"
    assert protection.show(Decimal("0.31"), Kind.SHARE) == "0,3 %"
    assert protection.plain(Decimal("3.00"), Kind.COUNT) == "< 5"
    assert protection.plain(Decimal("1098.00"), Kind.COUNT) == "1098"
    assert protection.plain(Decimal("1776737.49"), Kind.AMOUNT) == "1776737.49"
    assert protection.chart_value(3, Kind.COUNT) == 0.0
    assert protection.chart_value(12, Kind.COUNT) == 12.0


def test_threshold_is_configurable(monkeypatch):
    monkeypatch.delenv("IMW_SMALL_CELL_THRESHOLD", raising=False)
    assert small_cell_threshold() == 5
    monkeypatch.setenv("IMW_SMALL_CELL_THRESHOLD", "10")
    assert small_cell_threshold() == 10
    assert Protection.from_env().show(7, Kind.COUNT) == "< 10"
    monkeypatch.setenv("IMW_SMALL_CELL_THRESHOLD", "0")
    assert Protection.from_env().show(1, Kind.COUNT) == "1"
    monkeypatch.setenv("IMW_SMALL_CELL_THRESHOLD", "-1")
    with pytest.raises(ValueError):
        small_cell_threshold()


def test_value_kinds_follow_the_interface():
    assert value_kind("F1", "K3 2023|LP") is Kind.COUNT
    assert value_kind("F3", "share|LP") is Kind.SHARE
    assert value_kind("F3", "LP|foreign") is Kind.COUNT
    assert value_kind("F7", "division|86") is Kind.SHARE
    assert value_kind("F7", "organisations") is Kind.COUNT
    assert value_kind("F8", "class|88999") is Kind.COUNT
    assert value_kind("F10", "2023") is Kind.AMOUNT
    assert value_kind("F11", "average_days") is Kind.AVERAGE
    assert value_kind("F12", "mails_per_month") is Kind.AVERAGE


# --- the page ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def warehouse() -> Path:
    return built_warehouse()


@pytest.fixture(scope="module")
def book(warehouse):
    return load(warehouse)


@pytest.fixture(scope="module")
def page(book) -> str:
    return render_html(book, Protection(5))


def is_deck_data(warehouse: Path) -> bool:
    return reference_date(warehouse) == date(2026, 2, 28)


def test_sections_follow_the_deck(page):
    assert [make.__name__.upper() for make in DECK_ORDER] == DECK_SECTION_ORDER
    found = re.findall(r'<section class="figure" id="f\d+" data-figure="(F\d+)">', page)
    assert found == DECK_SECTION_ORDER
    # one chart per section, an inline SVG with a viewBox
    charts = re.findall(r'<figure class="chart" data-figure="(F\d+)">\s*<svg[^>]*viewBox', page)
    assert charts == DECK_SECTION_ORDER
    assert page.count('<p class="definition">') == 12


def test_page_is_self_contained(page):
    assert "<script" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert not re.search(r"url\((['\"]?)(https?:)?//", page)
    # SVG namespaces are identifiers, not fetched; nothing else may name a host
    hosts = set(re.findall(r"https?://([^/\"' )]+)", page))
    assert hosts <= {"www.w3.org", "purl.org", "creativecommons.org", "matplotlib.org"}


def test_svg_ids_are_unique_across_charts(page):
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_page_shows_reference_date_and_dutch_titles(page, book):
    assert book.reference_date.strftime("%d/%m/%Y") in page
    assert '<html lang="nl">' in page
    for title in (
        "Aantal ingediende aanvragen per kwartaal per premietype",
        "Kwartaalevolutie van aantal actieve premies",
        "Uitgaven per kwartaal",
        "Begeleiding in IMW",
    ):
        assert title in page


def test_page_shows_deck_values_in_belgian_format(page, warehouse):
    if not is_deck_data(warehouse):
        pytest.skip("warehouse is not built from the deck's sample deliveries")
    for text in (
        "15.305",
        "14.513",
        "11.849",
        "9.750",
        "82,3 %",
        "€ 1.776.737,49",
        "€ 53.889.475,10",
        "5,9",
        "4.260",
        "Menselijke gezondheidszorg",  # F7 division label from dim_sector
        "Maatwerkbedrijven",
    ):
        assert text in page, text
    # F8 quotes the deck's wording of 84.114 and names the official label beside it
    assert "<td>Gemeentelijke overheid en O.C.M.W.</td>" in page
    assert "Gemeentelijke overheid, met uitzondering van het O.C.M.W." in page
    # 3 temp agencies and 1 UITZEND trajectory are small cells
    assert "&lt; 5</strong> uitzendkantoren" in page


def test_dimension_keeps_the_official_label_and_the_report_the_decks(book):
    """dim_sector holds official NACE-BEL labels only; the deck's own wordings come from
    published_figures.printed_as, and a label the deck cut short is not one."""
    assert (
        book.subclass_labels["84114"]
        == "Gemeentelijke overheid, met uitzondering van het O.C.M.W."
    )
    assert book.deck_wordings[("F8", "class|84114")] == "Gemeentelijke overheid en O.C.M.W."
    assert ("F7", "division|46") not in book.deck_wordings  # "…" in the deck


def test_threshold_zero_shows_exact_values(book, warehouse):
    page = render_html(book, Protection(0))
    assert "&lt; 5" not in page
    if is_deck_data(warehouse):
        assert "<strong>3</strong> uitzendkantoren" in page


# --- the public CSV ----------------------------------------------------------------------


def test_public_csv_protects_small_counts_and_keeps_the_rest(book, warehouse):
    rows = list(csv.DictReader(io.StringIO(render_csv(book, Protection(5)))))
    exact = deck_figures(warehouse)
    assert len(rows) == len(exact)
    for row in rows:
        value = exact[(row["figure_id"], row["key"])]
        kind = Kind(row["kind"])
        small = kind is Kind.COUNT and 0 < value < 5
        assert (row["suppressed"] == "true") == small, row
        if small:
            assert row["value"] == "< 5" and row["value_nl"] == "< 5"
        else:
            assert float(row["value"]) == pytest.approx(value, abs=0.005), row
    if is_deck_data(warehouse):
        by_key = {(r["figure_id"], r["key"]): r for r in rows}
        assert by_key[("F9", "temp_agencies")]["value"] == "< 5"
        assert by_key[("F10", "K3 2023")]["value"] == "1776737.49"
        assert by_key[("F10", "K3 2023")]["value_nl"] == "€ 1.776.737,49"
        assert by_key[("F3", "share|LP")]["value_nl"] == "82,3 %"
    # the warehouse keeps the exact values
    assert any(0 < v < 5 for v in exact.values()) or not is_deck_data(warehouse)


def test_make_report_script_writes_both_files(warehouse, tmp_path):
    out = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_report.py")],
        env={
            "PATH": "/usr/bin:/bin",
            "IMW_WAREHOUSE_PATH": str(warehouse),
            "IMW_REPORTS_DIR": str(out),
            "IMW_SMALL_CELL_THRESHOLD": "10",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    html = (out / "figure_book.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Aantallen kleiner dan 10" in html
    public = (out / "deck_figures_public.csv").read_text(encoding="utf-8")
    assert public.splitlines()[0] == "reference_date,figure_id,key,kind,value,value_nl,suppressed"
    assert "< 10" in public
    assert not list(out.glob("*.tmp"))


def test_make_report_fails_clearly_without_warehouse(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_report.py")],
        env={
            "PATH": "/usr/bin:/bin",
            "IMW_WAREHOUSE_PATH": str(tmp_path / "missing.duckdb"),
            "IMW_REPORTS_DIR": str(tmp_path / "reports"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "make run" in result.stderr


def test_report_is_deterministic(warehouse, tmp_path):
    first, _ = build_report(warehouse, tmp_path / "a", Protection(5))
    second, _ = build_report(warehouse, tmp_path / "b", Protection(5))
    assert first.read_bytes() == second.read_bytes()


def test_renders_a_sparse_figure_book_from_other_data():
    """Another delivery (IMW_RECONCILE=0 data) may lack whole figures: still one page."""
    from imw.report.data import FigureBook

    book = FigureBook(
        reference_date=date(2024, 1, 31),
        values={
            "F1": {"K1 2024|LP": Decimal(3), "2024": Decimal(3), "total": Decimal(3)},
            "F3": {"LP": Decimal(0), "total": Decimal(0)},
            "F10": {"K1 2024|LOONPREMIE": Decimal("1200.00"), "K1 2024": Decimal("1200.00")},
        },
        premium_type_labels={"LP": "Loonpremie"},
    )
    page = render_html(book, Protection(5))
    assert re.findall(r'data-figure="(F\d+)">\s*<h2', page) == DECK_SECTION_ORDER
    assert "31/01/2024" in page
    assert "&lt; 5" in page
    assert "€ 1.200,00" in page
