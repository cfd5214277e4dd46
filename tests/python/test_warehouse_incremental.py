"""Incremental loading of the delta files (settlements, mails): a build on a
warehouse file that already holds the first delivery, after a second delivery
lands, must give exactly what a full build on both deliveries gives; and running
the same build again changes nothing (idempotence)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from test_warehouse_edge import FIXTURE, run_dbt

pytestmark = pytest.mark.slow

COMPARED = {
    "marts.fact_settlement": "settlement_id",
    "marts.fact_mail": "mail_id",
    "intermediate.int_settlements_deduplicated": "settlement_id",
    "intermediate.int_mails_deduplicated": "mail_id",
    "reporting.deck_figures": "figure_id, key",
    "marts.fact_application": "application_id",
}


def snapshot(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: connection.execute(f"select * from {table} order by {key}").fetchall()
            for table, key in COMPARED.items()
        }


def test_incremental_run_equals_full_refresh(tmp_path: Path):
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    shutil.copytree(FIXTURE / "2024-12-31", extracts / "2024-12-31")

    incremental_db = tmp_path / "incremental.duckdb"
    run_dbt(["build"], extracts, incremental_db, tmp_path / "run1")
    first = snapshot(incremental_db)
    assert first["reporting.deck_figures"][0][0].isoformat() == "2024-12-31"

    shutil.copytree(FIXTURE / "2025-01-31", extracts / "2025-01-31")
    run_dbt(["build"], extracts, incremental_db, tmp_path / "run2")
    incremental = snapshot(incremental_db)

    full_db = tmp_path / "full.duckdb"
    run_dbt(["build", "--full-refresh"], extracts, full_db, tmp_path / "full")
    full = snapshot(full_db)

    for table in COMPARED:
        assert incremental[table] == full[table], table
    assert len(incremental["marts.fact_settlement"]) == 5

    run_dbt(["build"], extracts, incremental_db, tmp_path / "run3")
    assert snapshot(incremental_db) == incremental
