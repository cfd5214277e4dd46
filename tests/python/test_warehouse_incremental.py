"""Incremental loading: every delivery is read and validated once (the
int_*_validated tables, the organisation snapshots) and the delta files are
deduplicated incrementally (settlements, mails). A build on a warehouse file that
already holds the first delivery, after a second delivery lands, must give
exactly what a full build on both deliveries gives -- including a booking and a
coaching row whose application only appears in the second delivery: quarantined
as unknown after the first build, validated again and kept after the second --
and settlements of the first delivery re-sent in the second: with the same content
(counted once, the first version stands, also for the booking validated again) or
with other content (a conflicting re-send, quarantined), and a row with the wrong
number of fields (quarantined, validated again, still quarantined); and running the
same build again changes nothing (idempotence)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from test_warehouse_edge import FIXTURE, run_dbt

pytestmark = pytest.mark.slow

LINEAGE = "delivery_date, source_file, source_line_number"
COMPARED = {
    "marts.fact_settlement": "settlement_id",
    "marts.fact_mail": "mail_id",
    "marts.fact_coaching": "coaching_id",
    "marts.dim_organisation": "organisation_key",
    "intermediate.int_settlements_deduplicated": "settlement_id",
    "intermediate.int_mails_deduplicated": "mail_id",
    "intermediate.int_organisation_snapshots": LINEAGE,
    "reporting.deck_figures": "figure_id, key",
    "marts.fact_application": "application_id",
    "audit.quarantined_rows": "source_file, delivery_date, source_line_number",
    "intermediate.int_quarantined_rows": "source_file, delivery_date, source_line_number",
    "audit.row_reconciliation": "source_file, delivery_date",
    **{
        f"intermediate.int_{entity}_validated": LINEAGE
        for entity in (
            "organisations",
            "providers",
            "applications",
            "coaching",
            "settlements",
            "mails",
        )
    },
}
# Application AV2025-0000006 first appears in the second delivery; these rows of
# the first delivery refer to it (the source's deliveries are not always in step).
LATE_REFERENCES = {
    "afrekeningen.csv": "AF0000090;AV2025-0000006;LOONPREMIE;01/10/2024;31/12/2024;"
    "100,00;20/12/2024;\r\n",
    "begeleidingen.csv": "BG0000090;AV2025-0000006;EXTERN;DV0001;01/12/2024;\r\n",
}
# A row with the wrong number of fields in the first delivery.
SHORT_ROW = "AF0000091;AV2023-0000001;LOONPREMIE\r\n"
# Bookings of the first delivery re-sent in the second: AF0000001 with the same content
# (written `1.234,56` in the first delivery), AF0000090 as delivered first, AF0000002
# with another amount (600,00 first).
RESENT = (
    "AF0000001;AV2023-0000001;LOONPREMIE;01/07/2024;30/09/2024;1234,56;15/10/2024;\r\n"
    "AF0000090;AV2025-0000006;LOONPREMIE;01/10/2024;31/12/2024;100,00;20/12/2024;\r\n"
    "AF0000002;AV2023-0000002;BEGELEIDINGSPREMIE;01/07/2024;30/09/2024;650,00;15/10/2024;\r\n"
)


def snapshot(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: connection.execute(f"select * from {table} order by {key}").fetchall()
            for table, key in COMPARED.items()
        }


def late_reference_reasons(database: Path) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            """
            select source_file, quarantine_reason
            from intermediate.int_quarantined_rows
            where raw_record like '%AV2025-0000006%' and delivery_date = date '2024-12-31'
            order by source_file
            """
        ).fetchall()


def test_incremental_run_equals_full_refresh(tmp_path: Path):
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    shutil.copytree(FIXTURE / "2024-12-31", extracts / "2024-12-31")
    for file, line in LATE_REFERENCES.items():
        with (extracts / "2024-12-31" / file).open("ab") as delivered:
            delivered.write(line.encode())
    with (extracts / "2024-12-31" / "afrekeningen.csv").open("ab") as delivered:
        delivered.write(SHORT_ROW.encode())

    incremental_db = tmp_path / "incremental.duckdb"
    run_dbt(["build"], extracts, incremental_db, tmp_path / "run1")
    first = snapshot(incremental_db)
    assert first["reporting.deck_figures"][0][0].isoformat() == "2024-12-31"
    assert late_reference_reasons(incremental_db) == [
        ("afrekeningen.csv", "unknown aanvraag_id"),
        ("begeleidingen.csv", "unknown aanvraag_id"),
    ]

    shutil.copytree(FIXTURE / "2025-01-31", extracts / "2025-01-31")
    with (extracts / "2025-01-31" / "afrekeningen.csv").open("ab") as delivered:
        delivered.write(RESENT.encode())
    run_dbt(["build"], extracts, incremental_db, tmp_path / "run2")
    incremental = snapshot(incremental_db)

    full_db = tmp_path / "full.duckdb"
    run_dbt(["build", "--full-refresh"], extracts, full_db, tmp_path / "full")
    full = snapshot(full_db)

    for table in COMPARED:
        assert incremental[table] == full[table], table
    assert late_reference_reasons(incremental_db) == []
    with duckdb.connect(str(incremental_db), read_only=True) as connection:
        kept = connection.execute(
            "select settlement_id, delivery_date::varchar, source_line_number, amount::varchar "
            "from marts.fact_settlement "
            "where settlement_id in ('AF0000001', 'AF0000002', 'AF0000090') order by 1"
        ).fetchall()
        resent = connection.execute(
            "select natural_key, source_line_number, quarantine_reason "
            "from audit.quarantined_rows where source_file = 'afrekeningen.csv' "
            "and natural_key in ('AF0000002', 'AF0000091') order by 1"
        ).fetchall()
    assert kept == [
        ("AF0000001", "2024-12-31", 2, "1234.56"),
        ("AF0000002", "2024-12-31", 3, "600.00"),
        ("AF0000090", "2024-12-31", 5, "100.00"),
    ]
    assert resent == [
        (
            "AF0000002",
            13,
            "conflicting re-send: differs from the first version (delivery 2024-12-31 line 3) "
            "in bedrag",
        ),
        (
            "AF0000091",
            6,
            "row has 3 fields, expected 8; unparseable bedrag; unparseable geboekt_op",
        ),
    ]
    assert len(incremental["marts.fact_settlement"]) == 6

    run_dbt(["build"], extracts, incremental_db, tmp_path / "run3")
    assert snapshot(incremental_db) == incremental
