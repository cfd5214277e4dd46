"""Builds the warehouse with `dbt build` on the hand-made edge-case deliveries
(tests/fixtures/deliveries_edge, IMW_RECONCILE=0) into a temporary DuckDB file and
checks what the spec's bad-input rules, dedup and "active on" logic must give."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from imw import pseudonym

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "deliveries_edge"
DBT = Path(sys.executable).parent / "dbt"

pytestmark = pytest.mark.slow


def run_dbt(args: list[str], extracts: Path, database: Path, work: Path) -> str:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "IMW_EXTRACTS_DIR": str(extracts),
        "IMW_BUILD_PATH": str(database),
        "IMW_RECONCILE": "0",
    }
    command = [
        str(DBT),
        *args,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("warehouse_edge")
    database = work / "warehouse.duckdb"
    log = run_dbt(["build"], FIXTURE, database, work)
    connection = duckdb.connect(str(database), read_only=True)
    pseudonym.register_duckdb(connection)  # the staging views call imw_pseudonym()
    yield connection, log
    connection.close()


def rows(connection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()


def test_folder_without_manifest_is_ignored_with_a_warning(built):
    connection, log = built
    assert "2025-02-28 has no _manifest.json" in log
    assert rows(connection, "select distinct delivery_date::varchar from "
                "staging.stg_imw__applications order by 1") == [
        ("2024-12-31",), ("2025-01-31",)]
    assert rows(connection, "select distinct reference_date::varchar "
                "from reporting.deck_figures") == [("2025-01-31",)]


def test_raw_rows_equal_cleaned_plus_quarantined_per_file(built):
    connection, _ = built
    counts = {
        (file, delivery): (raw, cleaned, quarantined)
        for file, delivery, raw, cleaned, quarantined in rows(
            connection,
            "select source_file, delivery_date::varchar, raw_rows, cleaned_rows, "
            "quarantined_rows from audit.row_reconciliation",
        )
    }
    assert counts == {
        ("aanvragen.csv", "2024-12-31"): (7, 6, 1),
        ("aanvragen.csv", "2025-01-31"): (19, 12, 7),
        ("afrekeningen.csv", "2024-12-31"): (3, 3, 0),
        ("afrekeningen.csv", "2025-01-31"): (9, 3, 6),
        ("begeleidingen.csv", "2024-12-31"): (2, 2, 0),
        ("begeleidingen.csv", "2025-01-31"): (8, 5, 3),
        ("dienstverleners.csv", "2024-12-31"): (4, 4, 0),
        ("dienstverleners.csv", "2025-01-31"): (5, 4, 1),
        ("mails.csv", "2024-12-31"): (3, 3, 0),
        ("mails.csv", "2025-01-31"): (4, 3, 1),
        ("organisaties.csv", "2024-12-31"): (7, 6, 1),
        ("organisaties.csv", "2025-01-31"): (7, 6, 1),
    }


def test_quarantine_reasons_and_line_numbers(built):
    connection, _ = built
    quarantined = set(
        rows(
            connection,
            "select source_file, delivery_date::varchar, source_line_number, "
            "natural_key, quarantine_reason from audit.quarantined_rows",
        )
    )
    expected = {
        ("aanvragen.csv", "2024-12-31", 8, None, "missing aanvraag_id"),
        ("aanvragen.csv", "2025-01-31", 12, "AV2025-0000010", "unknown premietype"),
        ("aanvragen.csv", "2025-01-31", 13, "AV2025-0000011", "unknown status"),
        ("aanvragen.csv", "2025-01-31", 14, "AV2025-0000012", "unparseable ingediend_op"),
        ("aanvragen.csv", "2025-01-31", 15, "AV2025-0000013", "unknown organisatie_id"),
        ("aanvragen.csv", "2025-01-31", 16, None, "missing aanvraag_id"),
        ("aanvragen.csv", "2025-01-31", 17, "AV2025-0000015", "unparseable loonpremie_pct"),
        ("aanvragen.csv", "2025-01-31", 19, "AV2025-0000017", "unknown organisatie_id"),
        ("afrekeningen.csv", "2025-01-31", 5, "AF0000006", "unparseable bedrag"),
        ("afrekeningen.csv", "2025-01-31", 6, "AF0000007", "unknown component"),
        ("afrekeningen.csv", "2025-01-31", 7, "AF0000008", "unknown aanvraag_id"),
        ("afrekeningen.csv", "2025-01-31", 8, "AF0000009", "unparseable geboekt_op"),
        ("afrekeningen.csv", "2025-01-31", 9, None, "missing afrekening_id"),
        ("afrekeningen.csv", "2025-01-31", 10, "AF0000010", "unparseable geboekt_op"),
        ("begeleidingen.csv", "2025-01-31", 5, "BG0000004", "unknown vorm"),
        ("begeleidingen.csv", "2025-01-31", 6, "BG0000005", "unknown aanvraag_id"),
        ("begeleidingen.csv", "2025-01-31", 7, "BG0000006", "unknown dienstverlener_id"),
        ("dienstverleners.csv", "2025-01-31", 5, "DV0004", "unknown soort"),
        ("mails.csv", "2025-01-31", 4, "ML0000005", "unparseable ontvangen_op"),
        ("organisaties.csv", "2024-12-31", 8, None, "missing organisatie_id"),
        ("organisaties.csv", "2025-01-31", 8, "ORG0000007", "unparseable gewijzigd_op"),
    }
    assert quarantined == expected


def test_quarantine_keeps_raw_values_but_never_the_insz(built):
    connection, _ = built
    (record,) = rows(
        connection,
        "select raw_record from intermediate.int_quarantined_rows "
        "where natural_key = 'AV2025-0000012'",
    )[0]
    assert "ingediend_op=2025-01-03" in record
    assert "85073003328" not in record and "insz" not in record
    texts = rows(
        connection,
        "select count(*) from intermediate.int_quarantined_rows "
        "where raw_record like '%85073003328%' or raw_record like '%85.07.30%'",
    )
    assert texts == [(0,)]


def test_keep_and_flag_issues(built):
    connection, _ = built
    issues = set(
        rows(
            connection,
            "select natural_key, issue_code from audit.data_quality_issues "
            "where delivery_date = date '2025-01-31'",
        )
    )
    assert issues == {
        ("ORG0000004", "kbo_check_digits_failed"),
        ("ORG0000004", "nace_missing"),
        ("ORG0000006", "nace_unknown"),
        ("ORG0000006", "postcode_unknown"),
        ("ORG0000003", "postcode_foreign"),
        ("AV2025-0000005", "insz_check_digits_failed"),
        ("AV2025-0000009", "insz_check_digits_failed"),
        ("AV2025-0000007", "decision_before_submission"),
    }
    flagged = rows(
        connection,
        "select application_id, insz_is_valid, is_decided_before_submitted "
        "from marts.fact_application where application_id in "
        "('AV2023-0000001', 'AV2023-0000002', 'AV2025-0000005', 'AV2025-0000007') "
        "order by 1",
    )
    assert flagged == [
        ("AV2023-0000001", True, False),
        ("AV2023-0000002", True, False),
        ("AV2025-0000005", False, False),
        ("AV2025-0000007", True, True),
    ]


def test_dedup_within_and_across_deliveries(built):
    connection, _ = built
    assert rows(
        connection,
        "select status_code, wage_premium_pct::varchar, source_line_number "
        "from marts.fact_application where application_id = 'AV2024-0000008'",
    ) == [("GOEDGEKEURD", "25.00", 10)]
    assert rows(
        connection,
        "select count(*), max(delivery_date)::varchar from marts.fact_settlement "
        "where settlement_id = 'AF0000003'",
    ) == [(1, "2024-12-31")]  # the first version stands
    assert rows(
        connection,
        "select is_handled, handling_days from marts.fact_mail "
        "where mail_id = 'ML0000001'",
    ) == [(True, 2.5)]
    assert rows(connection, "select count(*) from marts.fact_settlement") == [(5,)]


def test_active_premiums_on_the_reference_date(built):
    connection, _ = built
    active = rows(
        connection,
        "select application_id from marts.fact_active_premium "
        "where is_reference_date order by 1",
    )
    # starts on (-0000005) and ends on (-0000002) the reference date: active;
    # stopped on it (AV2024-0000003): not active.
    assert active == [
        ("AV2023-0000001",),
        ("AV2023-0000002",),
        ("AV2024-0000004",),
        ("AV2024-0000008",),
        ("AV2025-0000005",),
        ("AV2025-0000009",),
    ]
    figures = dict(
        rows(
            connection,
            "select key, value::double from reporting.deck_figures "
            "where figure_id = 'F3'",
        )
    )
    assert figures["LP"] == 4 and figures["LPBP"] == 2 and "OP" not in figures
    assert figures["LP|foreign"] == 1 and figures["total"] == 6


def test_postcode_2070_moves_province_on_2025_01_01(built):
    connection, _ = built
    provinces = rows(
        connection,
        "select snapshot_date::varchar, province_code from marts.fact_active_premium "
        "where application_id = 'AV2023-0000001' "
        "and snapshot_date >= date '2024-12-31' order by 1",
    )
    assert provinces == [("2024-12-31", "10000"), ("2025-01-31", "40000")]
    versions = rows(
        connection,
        "select valid_from::varchar, valid_to::varchar, province_code "
        "from marts.dim_organisation where organisation_id = 'ORG0000001' order by 1",
    )
    assert versions == [
        ("1900-01-01", "2024-12-31", "10000"),
        ("2025-01-01", "9999-12-31", "40000"),
    ]


def test_self_employed_names_are_masked_and_insz_is_not_published(built):
    connection, _ = built
    names = dict(
        rows(
            connection,
            "select organisation_id, organisation_name from marts.dim_organisation "
            "where is_current",
        )
    )
    assert names["ORG0000005"] == "Zelfstandige (naam afgeschermd)"  # OP only
    assert names["ORG0000001"] == 'Zorg & Co; "De Linde" vzw'
    # LP and LPBP, and an ondersteuningspremie in the second delivery: whoever applies for
    # one is a self-employed natural person (warehouse-interface.md)
    assert names["ORG0000002"] == "Zelfstandige (naam afgeschermd)"
    pseudonyms = rows(
        connection,
        "select distinct length(worker_pseudonym) from marts.fact_application",
    )
    assert pseudonyms == [(64,)]
    insz_columns = rows(
        connection,
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema <> 'staging' and column_name = 'insz'",
    )
    assert insz_columns == []


def test_figure_book_values(built):
    connection, _ = built
    figures = {
        (figure, key): value
        for figure, key, value in rows(
            connection,
            "select figure_id, key, value::double from reporting.deck_figures",
        )
    }
    assert figures[("F10", "K4 2024")] == 2284.81
    assert figures[("F10", "K1 2025")] == 1265.44  # 1500,00 - 234,56 correction
    assert figures[("F10", "K1 2025|LOONPREMIE")] == 1265.44
    assert figures[("F9", "extern|trajectories")] == 2
    assert figures[("F9", "extern|providers")] == 2
    assert figures[("F9", "recognised_providers")] == 2
    assert figures[("F9", "intern|trajectories")] == 1
    assert figures[("F9", "temp_agencies")] == 1
    assert figures[("F9", "uitzend|trajectories")] == 1
    assert figures[("F12", "average_handling_days")] == 2.0
    assert figures[("F12", "mails_per_month")] == round(3 / 19, 2)
    assert figures[("F1", "total")] == 10
    # an empty ingediend_op is kept: its quarter and year are ONBEKEND
    assert figures[("F1", "ONBEKEND|OP")] == 1 and figures[("F1", "ONBEKEND")] == 1
    assert figures[("F5", "40000|LP")] == 2
    assert figures[("F5", "BUITENLAND|LP")] == 1
    assert figures[("F8", "class|MAATWERKBEDRIJF")] == 1
