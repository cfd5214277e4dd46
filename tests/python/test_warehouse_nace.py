"""NACE codes on a small hand-made delivery: F7, F8, dim_sector and the keep-and-flag
issues, built with `dbt build` into a temporary DuckDB file, and the same F7/F8 from the
independent CSV implementation (imw.csv_figures).

Nine organisations, each with one active premium on the reference date (2025-01-31):

| org | nace_code | premium | F7 division | F8 class | flag |
|---|---|---|---|---|---|
| 1 | 46.900 (listed; the old hand-made seed lacked it) | LP | 46 | | |
| 2 | 47191 (listed; idem) | LP | 47 | | |
| 3 | 01.301 (listed; idem) | LPBP | 01 | 01301 | |
| 4 | 01.300 (well-formed, not listed; division 01 exists) | LP | 01 | | nace_unknown |
| 5 | 99.999 (well-formed, not listed; division 99 exists) | LPBP | 99 | 99999 | nace_unknown |
| 6 | 04.100 (well-formed, not listed; no division 04) | LP | ONBEKEND | | nace_unknown |
| 7 | empty | LP | ONBEKEND | | nace_missing |
| 8 | 8899 (malformed: four digits) | LPBP | ONBEKEND | ONBEKEND | nace_unknown |
| 9 | 84.114, maatwerkbedrijf | LPBP | 84 | MAATWERKBEDRIJF | |
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, write_delivery
from imw.csv_figures import figures

DBT = Path(sys.executable).parent / "dbt"
REFERENCE_DATE = "2025-01-31"

pytestmark = pytest.mark.slow

# organisatie_id -> (nace_code as delivered, premium type, is_maatwerkbedrijf)
ORGANISATIONS = {
    "ORG0000001": ("46.900", "LP", "N"),
    "ORG0000002": ("47191", "LP", "N"),
    "ORG0000003": ("01.301", "LPBP", "N"),
    "ORG0000004": ("01.300", "LP", "N"),
    "ORG0000005": ("99.999", "LPBP", "N"),
    "ORG0000006": ("04.100", "LP", "N"),
    "ORG0000007": ("", "LP", "N"),
    "ORG0000008": ("8899", "LPBP", "N"),
    "ORG0000009": ("84.114", "LPBP", "J"),
}
EXPECTED_F7 = {"46": 1, "47": 1, "01": 2, "99": 1, "84": 1, "ONBEKEND": 3}
EXPECTED_F8 = {"01301": 1, "99999": 1, "ONBEKEND": 1, "MAATWERKBEDRIJF": 1}


def kbo(serial: int) -> str:
    base = 20_000_000 + serial
    return f"0{base}{97 - base % 97:02d}"


def delivery_rows() -> dict[str, list[list[str]]]:
    organisations, applications = [], []
    for number, (org, (nace, premium, maatwerk)) in enumerate(ORGANISATIONS.items(), start=1):
        organisations.append(
            [org, kbo(number), "", f"Organisatie {number}", nace, maatwerk, "9000", "Gent",
             "BE", "02/01/2024 10:00:00"]
        )
        applications.append(
            [f"AV2023-{number:07d}", org, "85073003328", premium, "NIEUW", "", "03/07/2023",
             "GOEDGEKEURD", "10/07/2023", "01/07/2023", "", "", "40,0",
             "10/07/2023 09:00:00"]
        )
    return {"organisaties.csv": organisations, "aanvragen.csv": applications}


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nace") / "extracts"
    write_delivery(root, REFERENCE_DATE, rows=delivery_rows())
    return root


@pytest.fixture(scope="module")
def warehouse(deliveries: Path):
    work = deliveries.parent
    database = work / "warehouse.duckdb"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "IMW_EXTRACTS_DIR": str(deliveries),
        "IMW_BUILD_PATH": str(database),
        "IMW_RECONCILE": "0",
    }
    command = [str(DBT), "build", "--target-path", str(work / "target"),
               "--log-path", str(work / "logs")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()


def figure(connection, figure_id: str, prefix: str) -> dict[str, Decimal]:
    return {
        key.removeprefix(prefix): value
        for key, value in connection.execute(
            "select key, value from reporting.deck_figures where figure_id = ?", [figure_id]
        ).fetchall()
        if key.startswith(prefix)
    }


def shares(counts: dict[str, int]) -> dict[str, Decimal]:
    total = sum(counts.values())
    return {k: round(Decimal(100 * n) / total, 2) for k, n in counts.items()}


def test_f7_counts_every_code_under_the_division_in_its_digits(warehouse):
    assert figure(warehouse, "F7", "organisations") == {"": 9}
    assert figure(warehouse, "F7", "division|") == shares(EXPECTED_F7)


def test_f8_keeps_an_unlisted_code_as_delivered(warehouse):
    assert figure(warehouse, "F8", "organisations") == {"": 4}
    assert figure(warehouse, "F8", "class|") == EXPECTED_F8


def test_unlisted_and_empty_codes_are_kept_and_flagged(warehouse):
    issues = set(
        warehouse.execute(
            "select natural_key, issue_code, issue_value from audit.data_quality_issues "
            "where issue_code like 'nace%'"
        ).fetchall()
    )
    assert issues == {
        ("ORG0000004", "nace_unknown", "01.300"),
        ("ORG0000005", "nace_unknown", "99.999"),
        ("ORG0000006", "nace_unknown", "04.100"),
        ("ORG0000007", "nace_missing", None),
        ("ORG0000008", "nace_unknown", "8899"),
    }


def test_dim_sector_has_a_member_per_unlisted_well_formed_code(warehouse):
    counts = warehouse.execute(
        "select count(*) filter (where is_official_subclass), "
        "count(*) filter (where not is_official_subclass) from marts.dim_sector"
    ).fetchone()
    assert counts == (943, 4)  # 01300, 99999, 04100 and the unknown member
    members = warehouse.execute(
        "select sector_key, nace_subclass_code_dotted, nace_class_code, nace_group_code, "
        "nace_division_code, nace_section_code from marts.dim_sector "
        "where not is_official_subclass order by sector_key"
    ).fetchall()
    assert members == [
        (-1, "ONBEKEND", "ONBEKEND", "ONBEKEND", "ONBEKEND", "ONBEKEND"),
        (1300, "01.300", "0130", "013", "01", "A"),
        (4100, "04.100", "ONBEKEND", "ONBEKEND", "ONBEKEND", "ONBEKEND"),
        (99999, "99.999", "ONBEKEND", "ONBEKEND", "99", "U"),
    ]
    organisations = dict(
        warehouse.execute(
            "select organisations.organisation_id, sectors.nace_division_code "
            "from marts.dim_organisation as organisations "
            "inner join marts.dim_sector as sectors "
            "on organisations.sector_key = sectors.sector_key "
            "where organisations.organisation_id <> 'ONBEKEND'"
        ).fetchall()
    )
    assert organisations == {
        "ORG0000001": "46", "ORG0000002": "47", "ORG0000003": "01", "ORG0000004": "01",
        "ORG0000005": "99", "ORG0000006": "ONBEKEND", "ORG0000007": "ONBEKEND",
        "ORG0000008": "ONBEKEND", "ORG0000009": "84",
    }


def test_csv_figures_agree_independently(deliveries, warehouse):
    got = figures(deliveries, only=("F7", "F8"))
    f7 = {k.removeprefix("division|"): int(v) for (f, k), v in got.items()
          if f == "F7" and k.startswith("division|")}
    f8 = {k.removeprefix("class|"): int(v) for (f, k), v in got.items()
          if f == "F8" and k.startswith("class|")}
    assert f7 == EXPECTED_F7
    assert f8 == EXPECTED_F8
