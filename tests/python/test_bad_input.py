"""Bad input exactly as source-extracts.md ("What the warehouse does with bad input") says,
through the pipeline with the real dbt build on small deliveries (IMW_RECONCILE=0).

One published build holds every accepted case: settlements re-sent with the same content
(once written `1.234,56`, once `1234,56`: counted once) and with other content (across
deliveries and within one file: quarantined, the first version stands), rows with too few
and too many fields (quarantined with their field count, the rest of the file read), a line
ending in LF inside a CRLF file, a file that is LF throughout, a last line without line end.
Then the refusals: a file the manifest does not list (in a published delivery, then in a
new one), a published file changed afterwards (also with --full-refresh --force), each with
exit 2 and the published file unchanged; and a file with more quarantined rows than the
limit still fails the build (exit 3).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from conftest import (
    REPO,
    default_rows,
    encode_csv,
    pipeline_env,
    run_pipeline,
    write_delivery,
    write_manifest,
)
from imw.gate import spec

pytestmark = pytest.mark.slow

FIRST, SECOND, THIRD = "2024-01-31", "2024-02-29", "2024-03-31"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def second_delivery(root: Path) -> Path:
    rows = default_rows(SECOND)
    first = default_rows(FIRST)["afrekeningen.csv"]
    identical = list(first[0])
    identical[5] = "1234,56"  # written as in 2024 (no thousands separator): same booking
    conflicting = list(first[1])
    conflicting[5] = "-44,56"  # a booking never changes
    new = ["AF202402009", "AV2023-0000001", "LOONPREMIE", "01/10/2023", "31/12/2023"]
    rows["afrekeningen.csv"] += [
        identical,  # line 4
        conflicting,  # line 5
        [*new, "100,00", "20/02/2024", ""],  # line 6
        [*new, "100,00", "21/02/2024", ""],  # line 7: same id, other content, same file
        ["AF202402010", "AV2023-0000001", "LOONPREMIE"],  # line 8: 3 fields
    ]
    shifted = list(rows["aanvragen.csv"][0])
    shifted[0] = "AV2024-0000003"
    shifted.insert(2, "EXTRA")  # the INSZ moves into premietype's place
    rows["aanvragen.csv"].append(shifted)  # line 4: 15 fields
    rows["begeleidingen.csv"].append(
        ["BG0000002", "AV2023-0000001", "INTERN", "", "01/02/2024", "", "surplus"]
    )  # line 3: 7 fields
    folder = write_delivery(root, SECOND, rows)
    # aanvragen.csv: line 2 ends with LF instead of CRLF; mails.csv: LF throughout;
    # dienstverleners.csv: the last line has no line end
    path = folder / "aanvragen.csv"
    data = path.read_bytes()
    end_of_line_2 = data.index(b"\r\n", data.index(b"\r\n") + 2)
    path.write_bytes(data[:end_of_line_2] + data[end_of_line_2 + 1 :])
    path = folder / "mails.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    path = folder / "dienstverleners.csv"
    path.write_bytes(path.read_bytes().removesuffix(b"\r\n"))
    write_manifest(folder)
    return folder


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("bad_input")
    extracts = tmp_path / "extracts"
    write_delivery(extracts, FIRST)
    second_delivery(extracts)
    env = pipeline_env(tmp_path, extracts, IMW_PROJECT_DIR=str(REPO), DBT_PROFILES_DIR=str(REPO))
    del env["IMW_BUILD_STEP"]
    result = run_pipeline(env, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return extracts, env, Path(env["IMW_WAREHOUSE_PATH"]), result.stdout


def test_the_gate_warns_naming_file_and_line(published):
    _, _, _, log = published
    for message in (
        f"WARN {SECOND}/aanvragen.csv line 2: the line ends with LF instead of CRLF",
        f"WARN {SECOND}/aanvragen.csv line 4: row has 15 fields, expected 14: quarantined",
        f"WARN {SECOND}/afrekeningen.csv line 8: row has 3 fields, expected 8: quarantined",
        f"WARN {SECOND}/begeleidingen.csv line 3: row has 7 fields, expected 6: quarantined",
        f"WARN {SECOND}/mails.csv line 1: the line ends with LF instead of CRLF (3 line feeds",
        f"WARN {SECOND}/dienstverleners.csv line 2: the last line has no line end (CRLF)",
    ):
        assert message in log, message
    assert "REFUSE" not in log


def test_quarantine_names_file_line_and_reason(published):
    _, _, warehouse, _ = published
    quarantined = query(
        warehouse,
        "select source_file, source_line_number, natural_key, quarantine_reason "
        f"from audit.quarantined_rows where delivery_date = date '{SECOND}' order by 1, 2",
    )
    assert quarantined == [
        (
            "aanvragen.csv",
            4,
            "AV2024-0000003",
            # the reasons after the first are those of the shifted fields
            "row has more than 14 fields, expected 14; unknown premietype; unknown aanvraagsoort; "
            "unknown status; unparseable ingediend_op; unparseable beslist_op; unparseable "
            "gewijzigd_op",
        ),
        (
            "afrekeningen.csv",
            5,
            "AF202401002",
            f"conflicting re-send: differs from the first version (delivery {FIRST} line 3) "
            "in bedrag",
        ),
        (
            "afrekeningen.csv",
            7,
            "AF202402009",
            f"conflicting re-send: differs from the first version (delivery {SECOND} line 6) "
            "in geboekt_op",
        ),
        (
            "afrekeningen.csv",
            8,
            "AF202402010",
            "row has 3 fields, expected 8; unparseable bedrag; unparseable geboekt_op",
        ),
        ("begeleidingen.csv", 3, "BG0000002", "row has more than 6 fields, expected 6"),
    ]
    assert query(warehouse, "select count(*) from audit.quarantined_rows") == [(5,)]


def private_store(warehouse: Path) -> Path:
    """The build store next to the published file (imw.publish.Stores)."""
    return warehouse.parent / f"{warehouse.stem}.private" / "private.duckdb"


def test_raw_record_keeps_the_surplus_field_but_never_an_insz(published):
    _, _, warehouse, _ = published
    records = dict(
        query(
            private_store(warehouse),
            "select natural_key, raw_record from intermediate.int_quarantined_rows",
        )
    )
    published_columns = query(warehouse, "select column_name from information_schema.columns")
    assert ("raw_record",) not in published_columns
    assert records["BG0000002"].endswith("einde= | __extra=surplus")
    assert "premietype=<INSZ?>" in records["AV2024-0000003"]
    assert "85.07.30" not in records["AV2024-0000003"]
    assert records["AF202402010"] == (
        "afrekening_id=AF202402010 | aanvraag_id=AV2023-0000001 | component=LOONPREMIE | "
        "periode_van= | periode_tot= | bedrag= | geboekt_op= | corrigeert="
    )


def test_raw_rows_equal_cleaned_plus_quarantined_per_file(published):
    _, _, warehouse, _ = published
    counts = {
        (file, str(delivery)): (raw, cleaned, quarantined)
        for file, delivery, raw, cleaned, quarantined in query(
            warehouse, "select * from audit.row_reconciliation"
        )
    }
    assert all(raw == cleaned + quarantined for raw, cleaned, quarantined in counts.values())
    assert counts[("afrekeningen.csv", SECOND)] == (7, 4, 3)
    assert counts[("aanvragen.csv", SECOND)] == (3, 2, 1)
    assert counts[("begeleidingen.csv", SECOND)] == (2, 1, 1)
    assert counts[("mails.csv", SECOND)] == (2, 2, 0)
    assert counts[("dienstverleners.csv", SECOND)] == (1, 1, 0)


def test_a_booking_never_changes_and_counts_once(published):
    _, _, warehouse, _ = published
    settlements = query(
        private_store(warehouse),
        "select settlement_id, delivery_date::varchar, source_line_number, "
        "amount::varchar, booked_on::varchar from intermediate.int_settlements_deduplicated "
        "order by 1",
    )
    assert settlements == [
        ("AF202401001", FIRST, 2, "1234.56", "2024-01-31"),
        ("AF202401002", FIRST, 3, "-34.56", "2024-01-31"),
        ("AF202402001", SECOND, 2, "1234.56", "2024-02-29"),
        ("AF202402002", SECOND, 3, "-34.56", "2024-02-29"),
        ("AF202402009", SECOND, 6, "100.00", "2024-02-20"),
    ]
    assert query(warehouse, "select count(*), sum(amount)::varchar from marts.fact_settlement") == [
        (5, "2500.00")
    ]


def test_lines_ending_in_lf_are_read_as_every_other_line(published):
    _, _, warehouse, _ = published
    applications = query(
        warehouse,
        "select application_id, status_code, source_line_number from marts.fact_application "
        "order by 1",
    )
    assert applications == [
        ("AV2023-0000001", "GOEDGEKEURD", 2),
        ("AV2024-0000002", "ONTVANGEN", 3),
    ]
    mails = query(
        warehouse,
        "select mail_id, is_handled from marts.fact_mail "
        "where mail_id like 'ML202402%' order by 1",
    )
    assert mails == [("ML20240201", True), ("ML20240202", False)]
    providers = query(warehouse, "select provider_id, provider_kind_code from marts.dim_provider")
    assert ("DV0001", "ERKEND") in providers


def test_refusals_leave_the_published_file_as_it_is(published):
    extracts, env, warehouse, _ = published
    before = sha256(warehouse)

    unlisted = extracts / SECOND / "notes.txt"
    unlisted.write_text("remarks")
    result = run_pipeline(env)
    assert result.returncode == 2, result.stdout
    assert (
        f"REFUSE {SECOND}/notes.txt: file in the delivery folder that the manifest does not list"
    ) in result.stdout
    unlisted.unlink()

    changed = extracts / FIRST / "afrekeningen.csv"
    original = changed.read_bytes()
    changed.write_bytes(original.replace(b"-34,56", b"-43,56"))  # manifest untouched
    for args in ([], ["--full-refresh", "--force"]):
        result = run_pipeline(env, *args)
        assert result.returncode == 2, result.stdout
        assert (
            f"REFUSE {FIRST}/afrekeningen.csv: changed after the delivery was accepted "
            f"(deliveries are immutable): sha256 mismatch: manifest {sha256_of(original)}, "
            f"file {sha256(changed)}"
        ) in result.stdout
        assert sha256(warehouse) == before
    changed.write_bytes(original)

    third = write_delivery(extracts, THIRD)
    (third / "aanvragen (1).csv").write_bytes((third / "aanvragen.csv").read_bytes())
    result = run_pipeline(env)
    assert result.returncode == 2, result.stdout
    assert (
        f"REFUSE {THIRD}/aanvragen (1).csv: file in the delivery folder that the manifest "
        "does not list"
    ) in result.stdout
    report = Path(env["IMW_REPORTS_DIR"]) / "validation" / f"{THIRD}.md"
    assert "REFUSED" in report.read_text()
    assert sha256(warehouse) == before

    # over the quarantine limit (max(10, 1 % of the rows)): the build fails, exit 3
    (third / "aanvragen (1).csv").unlink()
    short = [[f"ML2024033{n}", "FUNCTIONEEL"] for n in range(11)]
    mails = default_rows(THIRD)["mails.csv"] + short
    (third / "mails.csv").write_bytes(encode_csv(spec.COLUMNS["mails.csv"], mails))
    write_manifest(third)
    result = run_pipeline(env, timeout=600)
    assert result.returncode == 3, result.stdout[-5000:]
    assert "assert_quarantine_within_limit" in result.stdout
    assert "nothing published" in result.stdout
    assert sha256(warehouse) == before


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
