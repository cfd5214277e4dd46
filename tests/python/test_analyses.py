"""analyses/: one SQL file per deck figure, and two on the figure book over time
(figure_book_as_of, figure_change_reasons), compiled by dbt and run on a built warehouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from test_report_support import REPO, built_warehouse, deck_figures, reference_date, run_dbt

FIGURES = {
    "F1": "f01_submitted_applications",
    "F2": "f02_approved_applications",
    "F3": "f03_active_premiums",
    "F4": "f04_active_premiums_per_quarter",
    "F5": "f05_active_premiums_per_province",
    "F6": "f06_organisations_per_province",
    "F7": "f07_top_sectors_wage_premiums",
    "F8": "f08_sectors_coaching_premiums",
    "F9": "f09_coaching",
    "F10": "f10_expenditure",
    "F11": "f11_processing_time",
    "F12": "f12_mailbox",
}
# The figure book over time (issue 15): F1 as it stood on 30/09/2025, and what changed in
# F10 from that edition to 28/02/2026 and why.
HISTORY = {
    "F1 as of": "f01_submitted_applications_as_of",
    "F10 changes": "f10_expenditure_changes",
}
EARLIER, LATER = date(2025, 9, 30), date(2026, 2, 28)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> dict[str, str]:
    """Compile the analyses. ref() renders "<file stem>"."marts"."...": compile against an
    empty database with the warehouse's file stem so the SQL runs on the warehouse."""
    warehouse = built_warehouse()
    work = tmp_path_factory.mktemp("analyses")
    dummy = work / f"{warehouse.stem}.duckdb"
    target = work / "target"
    run_dbt(["compile", "--select", "path:analyses", "--target-path", str(target)], dummy)
    folder = target / "compiled" / "imw" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.sql")}


@pytest.fixture(scope="module")
def results(compiled) -> dict[str, list[dict]]:
    con = duckdb.connect(str(built_warehouse()), read_only=True)
    try:
        out = {}
        for name, sql in compiled.items():
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description]
            out[name] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        return out
    finally:
        con.close()


def test_one_analysis_per_figure():
    files = sorted(p.stem for p in (REPO / "analyses").glob("*.sql"))
    assert files == sorted([*FIGURES.values(), *HISTORY.values()])
    for name in files:
        text = (REPO / "analyses" / f"{name}.sql").read_text(encoding="utf-8")
        assert text.startswith("-- F"), name  # each file opens with what it answers
        assert "ref('" in text and "source(" not in text  # marts only, through ref()
        assert "stg_imw__" not in text and "int_" not in text


@pytest.mark.parametrize("figure_id", list(FIGURES))
def test_analysis_compiles_and_returns_rows(figure_id, results):
    rows = results[FIGURES[figure_id]]
    assert rows, f"{FIGURES[figure_id]} returned no rows"


def test_analyses_agree_with_the_figure_book(results):
    figures = deck_figures(built_warehouse())
    submitted = sum(r["submitted_applications"] for r in results[FIGURES["F1"]])
    assert submitted == figures[("F1", "total")]
    approved = sum(r["approved_applications"] for r in results[FIGURES["F2"]])
    assert approved == figures[("F2", "total")]
    for row in results[FIGURES["F3"]]:
        assert row["active_premiums"] == figures[("F3", row["premium_type_code"])]
    for row in results[FIGURES["F6"]]:
        assert row["organisations"] == figures[("F6", row["province_code"])]
    by_quarter = {}
    for row in results[FIGURES["F10"]]:
        by_quarter[row["quarter_label"]] = row["net_amount_quarter"]
    for quarter, amount in by_quarter.items():
        assert float(amount) == pytest.approx(figures[("F10", quarter)], abs=0.005)
    period = [r for r in results[FIGURES["F11"]] if r["period_label"] == "Referentieperiode"]
    assert float(period[0]["average_processing_days"]) == pytest.approx(
        figures[("F11", "average_days")], abs=0.01
    )
    coaching = {r["coaching_form_code"]: r for r in results[FIGURES["F9"]]}
    assert coaching["EXTERN"]["active_trajectories"] == figures[("F9", "extern|trajectories")]
    assert coaching["INTERN"]["distinct_organisations"] == figures[("F9", "intern|organisations")]


def figure_book_as_of(day: date) -> dict[tuple[str, str], float]:
    con = duckdb.connect(str(built_warehouse()), read_only=True)
    try:
        rows = con.execute(
            "select figure_id, key, value from reporting.figure_book_as_of "
            "where reference_date = ?",
            [day],
        ).fetchall()
    finally:
        con.close()
    return {(figure_id, key): float(value) for figure_id, key, value in rows}


def test_f1_as_of_is_the_edition_of_30_september_2025(results):
    edition = figure_book_as_of(EARLIER)
    if not edition:
        pytest.skip("the warehouse has no edition of 30/09/2025")
    rows = results[HISTORY["F1 as of"]]
    got = {row["key"]: row["submitted_applications"] for row in rows}
    assert got == {key: value for (figure, key), value in edition.items() if figure == "F1"}
    for row in rows:
        if row["key_kind"] == "quarter":
            assert f"{row['quarter_label']}|{row['premium_type_code']}" == row["key"]


def test_f10_changes_agree_with_the_editions_and_add_up(results):
    earlier, later = figure_book_as_of(EARLIER), figure_book_as_of(LATER)
    if not earlier or not later:
        pytest.skip("the warehouse lacks the editions of 30/09/2025 or 28/02/2026")
    rows = results[HISTORY["F10 changes"]]
    expected = {
        key: (earlier[("F10", key)], value)
        for (figure, key), value in later.items()
        if figure == "F10" and ("F10", key) in earlier and earlier[("F10", key)] != value
    }
    assert {row["key"] for row in rows} == set(expected)
    explained: dict[str, float] = {}
    for row in rows:
        before, after = expected[row["key"]]
        assert (float(row["previous_value"]), float(row["value"])) == (before, after)
        assert float(row["difference"]) == pytest.approx(after - before, abs=0.005)
        if row["value_change"] is not None:
            explained[row["key"]] = explained.get(row["key"], 0.0) + float(row["value_change"])
    for key, total in explained.items():
        before, after = expected[key]
        assert total == pytest.approx(after - before, abs=0.005), key


def test_top_sectors_match_the_deck(results):
    if str(reference_date(built_warehouse())) != "2026-02-28":
        pytest.skip("not the deck's data")
    divisions = [r["nace_division_code"] for r in results[FIGURES["F7"]]]
    assert divisions[:4] == ["86", "81", "88", "46"]
    classes = [r["sector_class_code"] for r in results[FIGURES["F8"]]]
    assert classes[:5] == ["88999", "MAATWERKBEDRIJF", "47793", "84114", "87101"]


def test_analyses_dir_has_no_stray_files():
    assert all(p.suffix == ".sql" for p in Path(REPO / "analyses").iterdir())
