"""The semantic layer: `mf query` (MetricFlow) against a built warehouse gives the figure
book's numbers.

MetricFlow connects through the dbt profile, which opens the DuckDB file for writing; it
runs against a private copy of the warehouse, never the published file. The time spine
(models/semantic/metricflow_time_spine) is built into the copy when the warehouse was
built before it existed.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import duckdb
import pytest

from test_report_support import (
    MF,
    dbt_env,
    dbt_project_copy,
    deck_figures,
    run_dbt,
    warehouse_copy,
)


def has_time_spine(path: Path) -> bool:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return bool(
            con.execute(
                "select count(*) from information_schema.tables "
                "where table_name = 'metricflow_time_spine'"
            ).fetchone()[0]
        )
    finally:
        con.close()


@pytest.fixture(scope="module")
def semantic_warehouse() -> Path:
    """The copy, with the time spine, and target/semantic_manifest.json in the project."""
    copy = warehouse_copy()
    if has_time_spine(copy):
        run_dbt(["parse"], copy)
    else:
        run_dbt(["run", "--select", "metricflow_time_spine"], copy)
    assert (dbt_project_copy() / "target" / "semantic_manifest.json").exists()
    return copy


def mf_query(warehouse: Path, out: Path, *args: str) -> list[dict[str, str]]:
    project = dbt_project_copy()
    result = subprocess.run(
        [MF, "query", *args, "--csv", str(out)],
        cwd=project,
        env=dbt_env(IMW_BUILD_PATH=str(warehouse), DBT_PROJECT_DIR=str(project)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and out.exists(), result.stdout + result.stderr
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_mf_query_submitted_and_approved_per_year_match_the_figure_book(
    semantic_warehouse, tmp_path
):
    figures = deck_figures(semantic_warehouse)
    rows = mf_query(
        semantic_warehouse,
        tmp_path / "per_year.csv",
        "--metrics",
        "submitted_applications,approved_applications",
        "--group-by",
        "metric_time__year",
    )
    years = {row["metric_time__year"][:4]: row for row in rows if row["metric_time__year"]}
    figure_years = {key for (figure, key) in figures if figure == "F1" and key.isdigit()}
    assert figure_years and figure_years <= set(years)
    for year in figure_years:
        assert float(years[year]["submitted_applications"]) == figures[("F1", year)]
        assert float(years[year]["approved_applications"]) == figures[("F2", year)]


def test_mf_query_active_premiums_on_the_reference_date(semantic_warehouse, tmp_path):
    figures = deck_figures(semantic_warehouse)
    rows = mf_query(
        semantic_warehouse,
        tmp_path / "active.csv",
        "--metrics",
        "active_premiums",
        "--group-by",
        "premium_type__premium_type_code",
        "--where",
        "{{ Dimension('active_premium__is_reference_date') }}",
    )
    got = {row["premium_type__premium_type_code"]: float(row["active_premiums"]) for row in rows}
    expected = {
        key: value
        for (figure, key), value in figures.items()
        if figure == "F3" and key in ("LP", "LPBP", "OP")
    }
    assert got == expected


def figure_book_as_of(path: Path, day: str) -> dict[tuple[str, str], float]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "select figure_id, key, value from reporting.figure_book_as_of "
            "where reference_date = cast(? as date)",
            [day],
        ).fetchall()
    finally:
        con.close()
    return {(figure_id, key): float(value) for figure_id, key, value in rows}


def test_mf_query_f1_as_the_figure_book_stood_on_an_edition(semantic_warehouse, tmp_path):
    """The README's example: F1 of the edition of 30/09/2025, by key."""
    day = "2025-09-30"
    edition = figure_book_as_of(semantic_warehouse, day)
    rows = mf_query(
        semantic_warehouse,
        tmp_path / "as_of.csv",
        "--metrics",
        "figure_book_value",
        "--group-by",
        "figure_value__figure_key",
        "--where",
        f"{{{{ TimeDimension('figure_value__reference_date', 'day') }}}} = '{day}' "
        "and {{ Dimension('figure_value__figure_id') }} = 'F1'",
    )
    got = {row["figure_value__figure_key"]: float(row["figure_book_value"]) for row in rows}
    expected = {key: value for (figure, key), value in edition.items() if figure == "F1"}
    assert expected and got == expected


def test_mf_figure_book_value_without_a_date_is_the_newest_edition(semantic_warehouse, tmp_path):
    rows = mf_query(
        semantic_warehouse,
        tmp_path / "newest.csv",
        "--metrics",
        "figure_book_value",
        "--group-by",
        "figure_value__figure_id,figure_value__figure_key",
        "--where",
        "{{ Dimension('figure_value__figure_id') }} = 'F3'",
    )
    got = {("F3", row["figure_value__figure_key"]): float(row["figure_book_value"]) for row in rows}
    figures = deck_figures(semantic_warehouse)
    assert got == {key: value for key, value in figures.items() if key[0] == "F3"}
