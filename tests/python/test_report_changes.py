"""The report's section "Wijzigingen sinds de vorige editie" and its editions
(IMW_REFERENCE_DATE, IMW_COMPARE_WITH), against a small synthetic warehouse this test
writes: four editions (31/08/2025, 30/09/2025 a quarter end, 30/11/2025, 28/02/2026),
figure_changes and figure_change_reasons derived from the same events, so they agree."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import duckdb
import pytest

from imw.report import build_report, load, render_html
from imw.report.editions import NotAnEdition, choose_previous, is_quarter_end
from imw.report.html import render
from imw.report.numbers import Protection
from imw.report.sections import build_sections

REPO = Path(__file__).resolve().parents[2]
AUG, SEP, NOV, FEB = date(2025, 8, 31), date(2025, 9, 30), date(2025, 11, 30), date(2026, 2, 28)
EDITIONS = (AUG, SEP, NOV, FEB)
REASON_LABELS = {
    "new_submission": "nieuw ingediend",
    "late_delivery": "laat geleverd",
    "status_changed": "status gewijzigd",
    "new_booking": "nieuwe boeking",
    "correction_booked": "correctie geboekt",
}
F1_K3 = ("K3 2025|LP", "2025", "total")
F1_K4 = ("K4 2025|LP", "2025", "total")
F1_K1 = ("K1 2026|LP", "2026", "total")
F10_K3 = ("K3 2025|LOONPREMIE", "K3 2025", "2025")

# The figure book of 31/08/2025; later editions add the events below.
BASE = {
    ("F1", "K3 2025|LP"): Decimal(10),
    ("F1", "2025"): Decimal(10),
    ("F1", "total"): Decimal(10),
    ("F10", "K3 2025|LOONPREMIE"): Decimal("1000.00"),
    ("F10", "K3 2025"): Decimal("1000.00"),
    ("F10", "2025"): Decimal("1000.00"),
}
# (edition, figure, keys, member kind, reason, change per member, members)
EVENTS = [
    (SEP, "F1", F1_K3, "application", "late_delivery", 1, 2),
    (NOV, "F1", F1_K3, "application", "late_delivery", 1, 2),
    (NOV, "F1", F1_K3, "application", "new_submission", 1, 1),
    (NOV, "F1", F1_K4, "application", "new_submission", 1, 3),
    (NOV, "F10", F10_K3, "settlement", "new_booking", Decimal("300.00"), 1),
    (FEB, "F1", F1_K3, "application", "late_delivery", 1, 1),
    (FEB, "F1", F1_K3, "application", "status_changed", -1, 2),
    (FEB, "F1", F1_K4, "application", "new_submission", 1, 4),
    (FEB, "F1", F1_K1, "application", "new_submission", 1, 2),
    (FEB, "F10", F10_K3, "settlement", "correction_booked", Decimal("-65.44"), 1),
]
# Figures without reasons, per edition.
OTHERS = {
    ("F3", "share|LP"): ("82.00", "82.29", "82.50", "82.71"),
    ("F6", "10000"): ("118", "120", "125", "131"),
    ("F9", "temp_agencies"): ("3", "3", "4", "4"),
    ("F11", "average_days"): ("5.90", "5.90", "5.90", "5.90"),
}


def edition(day: date) -> dict[tuple[str, str], Decimal]:
    values = dict(BASE)
    for when, figure_id, keys, _, _, change, members in EVENTS:
        if when <= day:
            for key in keys:
                values[(figure_id, key)] = values.get((figure_id, key), Decimal(0)) + (
                    Decimal(change) * members
                )
    for figure_key, per_edition in OTHERS.items():
        values[figure_key] = Decimal(per_edition[EDITIONS.index(day)])
    return values


def reason_rows() -> list[tuple]:
    rows = []
    for when, figure_id, keys, kind, reason, change, members in EVENTS:
        previous = EDITIONS[EDITIONS.index(when) - 1]
        for number in range(members):
            member = f"{reason}-{when.isoformat()}-{number}"
            for key in keys:
                label = REASON_LABELS[reason]
                rows.append((when, previous, figure_id, key, kind, member, reason, label, change))
    return rows


LABEL_TABLES = """
create schema marts;
create schema reference;
create table marts.dim_premium_type as
    select * from (values ('LP', 'Loonpremie'), ('LPBP', 'Loon- en begeleidingspremie'),
        ('OP', 'Ondersteuningspremie')) as t(premium_type_code, premium_type_label_nl);
create table marts.dim_province as
    select * from (values ('10000', 'Antwerpen', '02000'))
        as t(province_code, province_label_nl, region_code);
create table marts.dim_sector (nace_division_code varchar, nace_division_label_nl varchar,
    nace_subclass_code varchar, nace_subclass_label_nl varchar);
create table reference.published_figures (figure_id varchar, published_key varchar,
    printed_as varchar, comparison varchar);
create table marts.dim_quarter (quarter_key integer, quarter_label varchar);
create table marts.fact_application (application_kind_code varchar, status_code varchar,
    submitted_on date, processing_days integer, submitted_quarter_key integer);
create table marts.fact_mail (handled_on timestamp, is_functional_mailbox boolean,
    is_handled boolean);
"""


def write_warehouse(path: Path, editions: tuple[date, ...], history: bool = True) -> Path:
    """deck_figures = the newest edition; figure_book_as_of; with history also
    figure_changes and figure_change_reasons."""
    con = duckdb.connect(str(path))
    try:
        con.execute(LABEL_TABLES)
        con.execute("create schema reporting")
        columns = "reference_date date, figure_id varchar, key varchar, value decimal(18,2)"
        con.execute(f"create table reporting.deck_figures ({columns})")
        con.execute(f"create table reporting.figure_book_as_of ({columns})")
        for day in editions:
            rows = [(day, fig, key, value) for (fig, key), value in edition(day).items()]
            con.executemany("insert into reporting.figure_book_as_of values (?, ?, ?, ?)", rows)
        con.execute(
            "insert into reporting.deck_figures select * from reporting.figure_book_as_of "
            "where reference_date = (select max(reference_date) from reporting.figure_book_as_of)"
        )
        if history:
            con.execute(
                """
                create table reporting.figure_changes as
                with editions as (
                    select *, lag(reference_date) over (
                        partition by figure_id, key order by reference_date
                    ) as previous_reference_date,
                    lag(value) over (
                        partition by figure_id, key order by reference_date
                    ) as previous_value
                    from reporting.figure_book_as_of
                )
                select figure_id, key, reference_date, previous_reference_date, value,
                    previous_value
                from editions
                where previous_value is not null and previous_value <> value
                """
            )
            con.execute(
                """
                create table reporting.figure_change_reasons (reference_date date,
                    previous_reference_date date, figure_id varchar, key varchar,
                    member_kind varchar, member_id varchar, reason_code varchar,
                    reason_label varchar, value_change decimal(18,2))
                """
            )
            con.executemany(
                "insert into reporting.figure_change_reasons values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                reason_rows(),
            )
    finally:
        con.close()
    return path


@pytest.fixture(autouse=True)
def no_edition_env(monkeypatch):
    monkeypatch.delenv("IMW_REFERENCE_DATE", raising=False)
    monkeypatch.delenv("IMW_COMPARE_WITH", raising=False)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return write_warehouse(tmp_path_factory.mktemp("editions") / "warehouse.duckdb", EDITIONS)


def changes_html(page: str) -> str:
    found = re.search(r'<section class="changes" id="wijzigingen">(.*?)</section>', page, re.S)
    assert found, "no changes section"
    return found.group(1)


def change_rows(page: str) -> dict[tuple[str, str], list[str]]:
    """(figure, key label) -> the row's remaining cells, from the changes table."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", changes_html(page), re.S):
        cells = [unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            rows[(cells[0], cells[1])] = cells[2:]
    return rows


def page_of(warehouse: Path, threshold: int = 0, **options: date) -> str:
    return render_html(load(warehouse, **options), Protection(threshold))


def run_script(warehouse: Path, out: Path, *args: str, **env: str):
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_report.py"), *args],
        env={
            "PATH": "/usr/bin:/bin",
            "IMW_WAREHOUSE_PATH": str(warehouse),
            "IMW_REPORTS_DIR": str(out),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- the synthetic warehouse is consistent ------------------------------------------------


def test_reasons_add_up_to_the_changes_of_the_fixture(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        mismatches = con.execute(
            """
            select changes.figure_id, changes.key, changes.reference_date
            from reporting.figure_changes as changes
            left join (
                select reference_date, figure_id, key, sum(value_change) as total
                from reporting.figure_change_reasons
                group by all
            ) as reasons using (reference_date, figure_id, key)
            where changes.figure_id in ('F1', 'F10')
                and reasons.total is distinct from changes.value - changes.previous_value
            """
        ).fetchall()
        deck = con.execute("select max(reference_date) from reporting.deck_figures").fetchone()
    finally:
        con.close()
    assert mismatches == []
    assert deck == (FEB,)


# --- which edition it compares with -------------------------------------------------------


def test_quarter_ends():
    assert [is_quarter_end(d) for d in EDITIONS] == [False, True, False, False]
    assert is_quarter_end(date(2024, 3, 31)) and is_quarter_end(date(2024, 12, 31))
    assert not is_quarter_end(date(2024, 3, 30))


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (FEB, (SEP, "quarter_end")),  # not 30/11/2025, the newer one
        (NOV, (SEP, "quarter_end")),
        (SEP, (AUG, "previous")),  # no quarter end before it: the previous edition
        (AUG, None),
    ],
)
def test_default_compare_date(shown, expected):
    assert choose_previous(shown, EDITIONS) == expected


def test_default_compare_date_in_the_page(warehouse):
    book = load(warehouse)
    assert book.reference_date == FEB and book.source == "reporting.deck_figures"
    assert book.comparison is not None and book.comparison.previous_reference_date == SEP
    text = changes_html(page_of(warehouse))
    assert "Editie van <strong>28/02/2026</strong> vergeleken met die van " in text
    assert "<strong>30/09/2025</strong> (het laatste kwartaaleinde vóór 28/02/2026)" in text


def test_compare_with_option_and_env(warehouse, tmp_path, monkeypatch):
    rows = change_rows(page_of(warehouse, compare_with=NOV))
    # only the pair 30/11/2025 -> 28/02/2026
    assert rows[("F1", "K3 2025 · Loonpremie")] == [
        "15",
        "14",
        "-1",
        "status gewijzigd -2; laat geleverd +1",
    ]
    monkeypatch.setenv("IMW_COMPARE_WITH", "2025-11-30")
    html_path, _ = build_report(warehouse, tmp_path / "env", Protection(0))
    page = html_path.read_text(encoding="utf-8")
    assert "gekozen met IMW_COMPARE_WITH" in page
    assert change_rows(page) == rows


def test_keys_missing_from_one_edition_are_left_out(warehouse):
    keys = {key for _, key in change_rows(page_of(warehouse))}
    assert "K4 2025 · Loonpremie" not in keys  # not in the edition of 30/09/2025
    assert "K1 2026 · Loonpremie" not in keys and "Totaal 2026" not in keys
    assert "Gemiddelde doorlooptijd (kalenderdagen)" not in keys  # unchanged


def test_table_is_sorted_in_deck_order_then_key(warehouse):
    assert list(change_rows(page_of(warehouse))) == [
        ("F1", "Totaal 2025"),
        ("F1", "K3 2025 · Loonpremie"),
        ("F1", "Totaal"),
        ("F3", "Aandeel Loonpremie"),
        ("F6", "Antwerpen"),
        ("F9", "Geregistreerde uitzendkantoren"),
        ("F10", "Totaal 2025"),
        ("F10", "K3 2025 · Totaal"),
        ("F10", "K3 2025 · Loonpremie"),
    ]


# --- reasons and formats ------------------------------------------------------------------


def test_reasons_are_summed_over_every_pair_between_the_editions(warehouse):
    rows = change_rows(page_of(warehouse))
    # 30/09 -> 30/11: late +2, new +1; 30/11 -> 28/02: late +1, status -2
    assert rows[("F1", "K3 2025 · Loonpremie")] == [
        "12",
        "14",
        "+2",
        "laat geleverd +3; status gewijzigd -2; nieuw ingediend +1",
    ]
    assert rows[("F1", "Totaal")] == [
        "12",
        "23",
        "+11",
        "nieuw ingediend +10; laat geleverd +3; status gewijzigd -2",
    ]
    assert rows[("F6", "Antwerpen")] == ["120", "131", "+11", ""]  # no reasons for F6


def test_belgian_formats(warehouse):
    rows = change_rows(page_of(warehouse))
    assert rows[("F10", "K3 2025 · Loonpremie")] == [
        "€ 1.000,00",
        "€ 1.234,56",
        "+€ 234,56",
        "nieuwe boeking +€ 300,00; correctie geboekt -€ 65,44",
    ]
    assert rows[("F3", "Aandeel Loonpremie")] == ["82,29 %", "82,71 %", "+0,42 %", ""]


def test_small_cells_are_protected_in_values_differences_and_reasons(warehouse):
    rows = change_rows(page_of(warehouse, threshold=5))
    assert rows[("F9", "Geregistreerde uitzendkantoren")] == ["< 5", "< 5", "< 5", ""]
    assert rows[("F1", "K3 2025 · Loonpremie")] == [
        "12",
        "14",
        "< 5",
        "laat geleverd < 5; status gewijzigd < 5; nieuw ingediend < 5",
    ]
    assert (
        rows[("F1", "Totaal")][3] == "nieuw ingediend +10; laat geleverd < 5; status gewijzigd < 5"
    )
    # amounts are not protected
    assert rows[("F10", "K3 2025 · Loonpremie")][2] == "+€ 234,56"
    assert "Aantallen en verschillen van aantallen kleiner dan 5" in changes_html(
        page_of(warehouse, threshold=5)
    )


# --- an earlier edition -------------------------------------------------------------------


def test_reference_date_renders_that_edition(warehouse, tmp_path):
    result = run_script(warehouse, tmp_path / "nov", IMW_REFERENCE_DATE="2025-11-30")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "nov" / "figure_book.html").read_text(encoding="utf-8")
    assert '<strong id="reference-date">30/11/2025</strong>' in page
    assert "reporting.figure_book_as_of op 30/11/2025" in page
    assert "Editie van <strong>30/11/2025</strong> vergeleken met die van " in page
    # the sections show the values of 30/11/2025 (F1 total 18), the same twelve sections
    assert "<strong>18</strong> ingediende aanvragen" in page
    assert page.count('<p class="definition">') == 12
    public = list(
        csv.DictReader(
            io.StringIO((tmp_path / "nov" / "deck_figures_public.csv").read_text(encoding="utf-8"))
        )
    )
    assert {row["reference_date"] for row in public} == {"2025-11-30"}
    by_key = {(row["figure_id"], row["key"]): row["value"] for row in public}
    assert by_key[("F1", "total")] == "18"
    assert by_key[("F10", "2025")] == "1300.00"
    assert ("F1", "K1 2026|LP") not in by_key


def test_reference_date_option_matches_the_env(warehouse, tmp_path):
    by_option = run_script(warehouse, tmp_path / "a", "--reference-date", "2025-09-30")
    by_env = run_script(warehouse, tmp_path / "b", IMW_REFERENCE_DATE="2025-09-30")
    assert by_option.returncode == by_env.returncode == 0, by_option.stderr + by_env.stderr
    page = (tmp_path / "a" / "figure_book.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "b" / "figure_book.html").read_text(encoding="utf-8")
    assert "de vorige editie; er is geen kwartaaleinde vóór 30/09/2025" in page


def test_oldest_edition_says_there_is_nothing_to_compare(warehouse):
    text = changes_html(page_of(warehouse, reference_date=AUG))
    assert "Er is geen eerdere editie in het datawarehouse" in text
    assert "<table" not in text


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"IMW_REFERENCE_DATE": "2025-10-15"}, "IMW_REFERENCE_DATE (--reference-date) 2025-10-15"),
        ({"IMW_COMPARE_WITH": "2025-10-31"}, "IMW_COMPARE_WITH (--compare-with) 2025-10-31"),
        (
            {"IMW_REFERENCE_DATE": "2025-09-30", "IMW_COMPARE_WITH": "2025-11-30"},
            "IMW_COMPARE_WITH (--compare-with) 2025-11-30 is not before",
        ),
    ],
)
def test_a_date_that_is_not_an_edition_is_a_clear_error(warehouse, tmp_path, env, named):
    result = run_script(warehouse, tmp_path / "out", **env)
    assert result.returncode == 1
    assert named in result.stderr
    assert "available editions: 2025-08-31, 2025-09-30, 2025-11-30, 2026-02-28" in result.stderr
    assert not (tmp_path / "out" / "figure_book.html").exists()


def test_not_an_edition_from_the_api(warehouse):
    with pytest.raises(NotAnEdition, match="2024-01-31"):
        load(warehouse, reference_date=date(2024, 1, 31))


def test_malformed_date_in_env(warehouse, tmp_path):
    result = run_script(warehouse, tmp_path / "out", IMW_COMPARE_WITH="30/09/2025")
    assert result.returncode == 1
    assert "IMW_COMPARE_WITH='30/09/2025' is not a date (yyyy-mm-dd)" in result.stderr


# --- one edition, the page as before ------------------------------------------------------


def test_one_edition_without_history_tables(tmp_path):
    warehouse = write_warehouse(tmp_path / "one.duckdb", (FEB,), history=False)
    result = run_script(warehouse, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "figure_book.html").read_text(encoding="utf-8")
    text = changes_html(page)
    assert (
        "Er is geen eerdere editie in het datawarehouse om de editie van 28/02/2026 mee te "
        "vergelijken." in text
    )
    assert (tmp_path / "out" / "deck_figures_public.csv").exists()


def test_the_page_is_todays_page_plus_the_section(warehouse):
    book = load(warehouse)
    protection = Protection(5)
    page = render_html(book, protection)
    before = render(book, build_sections(book, protection), protection)
    section = re.search(r'\n<section class="changes".*?</section>', page, re.S)
    toc_entry = '<li><a href="#wijzigingen">Wijzigingen sinds de vorige editie</a></li>'
    assert section and toc_entry in page
    assert page.replace(section.group(0), "").replace(toc_entry, "") == before
    assert page.count('<p class="definition">') == 12
    assert "(reporting.deck_figures en de marts)" in page
