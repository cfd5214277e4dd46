"""Every edition of the figure book (issue 15), through the pipeline and the real project.

Four hand-made monthly deliveries in which an application is decided, arrives late, is
withdrawn and a correction is booked. The pipeline's first run (a full refresh) builds
the edition of each delivery; each must equal a bare dbt build that sees only the
deliveries up to that date. A monthly run adds one edition and equals a full refresh, and
figure_change_reasons names the applications and bookings behind the differences.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, default_rows, pipeline_env, run_pipeline, write_delivery

DELIVERIES = ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]
DECIDED = "AV2024-0000002"  # received in January, approved in February, withdrawn in March
LATE = "AV2024-0000003"  # submitted on 10/01/2024, first delivered on 29/02/2024


def application(
    application_id: str, status: str, submitted: str, decided: str, start: str
) -> list[str]:
    return [
        application_id,
        "ORG0000002",
        "85073003328",
        "LPBP",
        "NIEUW",
        "",
        submitted,
        status,
        decided,
        start,
        "",
        "",
        "",
        f"{submitted} 08:00:00",
    ]


def rows_of(extract_date: str) -> dict[str, list[list[str]]]:
    rows = default_rows(extract_date)
    applications = [rows["aanvragen.csv"][0]]
    if extract_date == "2024-01-31":
        applications.append(application(DECIDED, "ONTVANGEN", "02/01/2024", "", ""))
    elif extract_date == "2024-02-29":
        applications.append(
            application(DECIDED, "GOEDGEKEURD", "02/01/2024", "15/02/2024", "01/02/2024")
        )
    else:
        applications.append(
            application(DECIDED, "INGETROKKEN", "02/01/2024", "15/02/2024", "01/02/2024")
        )
    if extract_date >= "2024-02-29":
        applications.append(application(LATE, "ONTVANGEN", "10/01/2024", "", ""))
    rows["aanvragen.csv"] = applications
    return rows


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def edition(path: Path, reference_date: str) -> set[tuple]:
    return set(
        query(
            path,
            "select figure_id, key, value from reporting.figure_book_as_of "
            f"where reference_date = date '{reference_date}'",
        )
    )


def bare_build(tmp_path: Path, extracts: Path, deliveries: list[str]) -> Path:
    """The independent figure book: a bare dbt build of seeds and models that sees only
    the given deliveries (var deliveries), into a file of its own."""
    build = tmp_path / f"bare-{deliveries[-1]}" / "warehouse.duckdb"
    build.parent.mkdir(parents=True)
    env = {
        **pipeline_env(tmp_path, extracts),
        "IMW_BUILD_PATH": str(build),
        "DBT_PROFILES_DIR": str(REPO),
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "build",
            "--quiet",
            "--select",
            "+deck_figures",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
            "--project-dir",
            str(REPO),
            "--target-path",
            str(build.parent / "target"),
            "--log-path",
            str(build.parent / "logs"),
            "--vars",
            json.dumps({"deliveries": ",".join(deliveries)}),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return build


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The first run on three deliveries, then a monthly run with the fourth."""
    tmp_path = tmp_path_factory.mktemp("editions")
    extracts = tmp_path / "extracts"
    for name in DELIVERIES[:3]:
        write_delivery(extracts, name, rows_of(name))
    env = pipeline_env(tmp_path, extracts, IMW_PROJECT_DIR=str(REPO), DBT_PROFILES_DIR=str(REPO))
    del env["IMW_BUILD_STEP"]
    first = run_pipeline(env, timeout=600)
    assert first.returncode == 0, first.stdout[-5000:] + first.stderr[-3000:]
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    first_copy = tmp_path / "first.duckdb"
    shutil.copy(warehouse, first_copy)
    write_delivery(extracts, DELIVERIES[3], rows_of(DELIVERIES[3]))
    monthly = run_pipeline(env, timeout=600)
    assert monthly.returncode == 0, monthly.stdout[-5000:] + monthly.stderr[-3000:]
    return {
        "tmp": tmp_path,
        "extracts": extracts,
        "env": env,
        "first": first,
        "first_copy": first_copy,
        "monthly": monthly,
        "warehouse": warehouse,
    }


def test_first_run_builds_every_edition_one_delivery_at_a_time(runs):
    assert "figure book editions: building 2 of the 3 added deliveries" in runs["first"].stdout
    dates = query(
        runs["first_copy"],
        "select distinct cast(reference_date as varchar) from reporting.figure_book_as_of "
        "order by 1",
    )
    assert [d for (d,) in dates] == DELIVERIES[:3]


def test_each_edition_equals_a_build_with_only_its_deliveries(runs):
    for number, reference_date in enumerate(DELIVERIES[:3], start=1):
        bare = bare_build(runs["tmp"], runs["extracts"], DELIVERIES[:number])
        expected = set(query(bare, "select figure_id, key, value from reporting.deck_figures"))
        assert expected, reference_date
        assert edition(runs["first_copy"], reference_date) == expected, reference_date


def test_newest_edition_is_deck_figures(runs):
    deck = set(query(runs["warehouse"], "select figure_id, key, value from reporting.deck_figures"))
    assert edition(runs["warehouse"], DELIVERIES[3]) == deck


def test_monthly_run_adds_one_edition_and_keeps_the_others(runs):
    assert "incremental, from a copy of the last build" in runs["monthly"].stdout
    assert "figure book editions: building" not in runs["monthly"].stdout
    for reference_date in DELIVERIES[:3]:
        assert edition(runs["warehouse"], reference_date) == edition(
            runs["first_copy"], reference_date
        )


TABLES = {
    "figure_book_as_of": "reference_date, figure_id, key, value",
    "figure_changes": "reference_date, figure_id, key, previous_reference_date, value, "
    "previous_value",
    "figure_change_reasons": "reference_date, previous_reference_date, figure_id, key, "
    "member_kind, member_id, reason_code, reason_label, value_change",
}


def test_monthly_run_equals_a_full_refresh(runs):
    env = dict(runs["env"], IMW_WAREHOUSE_PATH=str(runs["tmp"] / "full" / "warehouse.duckdb"))
    full = run_pipeline(env, "--full-refresh", timeout=600)
    assert full.returncode == 0, full.stdout[-5000:]
    assert "figure book editions: building 3 of the 4 added deliveries" in full.stdout
    for table, columns in TABLES.items():
        sql = f"select {columns} from reporting.{table} order by all"
        incremental = query(runs["warehouse"], sql)
        assert incremental, table
        assert incremental == query(Path(env["IMW_WAREHOUSE_PATH"]), sql), table


def reasons(path: Path, reference_date: str, figure_id: str) -> set[tuple]:
    return set(
        query(
            path,
            "select member_id, key, reason_code, value_change "
            "from reporting.figure_change_reasons "
            f"where reference_date = date '{reference_date}' and figure_id = '{figure_id}'",
        )
    )


def test_reasons_name_the_applications_and_bookings(runs):
    warehouse = runs["warehouse"]
    february_f1 = reasons(warehouse, "2024-02-29", "F1")
    assert (LATE, "K1 2024|LPBP", "late_delivery", 1) in february_f1
    february_f2 = reasons(warehouse, "2024-02-29", "F2")
    assert (DECIDED, "K1 2024|LPBP", "newly_decided", 1) in february_f2
    march_f2 = reasons(warehouse, "2024-03-31", "F2")
    assert (DECIDED, "K1 2024|LPBP", "status_changed", -1) in march_f2
    march_f1 = reasons(warehouse, "2024-03-31", "F1")
    assert all(member != DECIDED for member, *_ in march_f1)  # withdrawn still counts in F1
    april_f10 = reasons(warehouse, "2024-04-30", "F10")
    assert ("AF202404002", "K2 2024", "correction_booked", Decimal("-34.56")) in april_f10
    labels = query(
        warehouse,
        "select distinct reason_label from reporting.figure_change_reasons "
        "where reason_code = 'late_delivery'",
    )
    assert labels == [("laat geleverd",)]


def test_changes_list_the_differing_values(runs):
    changes = query(
        runs["warehouse"],
        "select cast(previous_reference_date as varchar), value - previous_value "
        "from reporting.figure_changes "
        "where reference_date = date '2024-02-29' and figure_id = 'F2' and key = 'total'",
    )
    assert changes == [("2024-01-31", 1)]


def test_a_late_delivery_rebuilds_every_edition(tmp_path):
    """A delivery older than the newest built one changes every later edition: the next
    run is a full refresh."""
    extracts = tmp_path / "extracts"
    for name in ("2024-01-31", "2024-03-31"):
        write_delivery(extracts, name, rows_of(name))
    env = pipeline_env(tmp_path, extracts, IMW_BUILD_STEP="conftest:fake_build")
    assert run_pipeline(env).returncode == 0
    write_delivery(extracts, "2024-02-29", rows_of("2024-02-29"))
    late = run_pipeline(env)
    assert late.returncode == 0, late.stdout[-3000:]
    assert "full refresh (delivery 2024-02-29 arrived after the newer 2024-03-31" in late.stdout
