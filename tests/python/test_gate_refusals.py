"""The delivery gate: one test per refusal case of source-extracts.md, plus what it accepts."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from conftest import default_rows, encode_csv, write_delivery, write_manifest
from imw.gate import REFUSE, WARN, run_gate, spec
from imw.gate.structure import check_delivery

DELIVERY = "2024-01-31"


def refusals(folder: Path) -> list[str]:
    """Structural refusals only (fast: no Great Expectations)."""
    return [str(f) for f in check_delivery(folder).findings if f.severity == REFUSE]


def edit_manifest(folder: Path, file: str, **changes) -> None:
    manifest = json.loads((folder / spec.MANIFEST).read_text())
    if changes.pop("drop", False):
        del manifest["files"][file]
    manifest["files"].get(file, {}).update(changes)
    (folder / spec.MANIFEST).write_text(json.dumps(manifest))


@pytest.fixture
def delivery(extracts: Path) -> Path:
    return extracts / DELIVERY


def test_valid_delivery_has_no_findings(delivery: Path):
    assert check_delivery(delivery).findings == []


def test_missing_file(delivery: Path):
    (delivery / "begeleidingen.csv").unlink()
    [message] = refusals(delivery)
    assert f"{DELIVERY}/begeleidingen.csv" in message
    assert "missing" in message


def test_file_absent_from_manifest(delivery: Path):
    edit_manifest(delivery, "mails.csv", drop=True)
    [message] = refusals(delivery)
    assert f"{DELIVERY}/mails.csv" in message and "absent from the manifest" in message


def test_row_count_mismatch(delivery: Path):
    edit_manifest(delivery, "aanvragen.csv", rows=3)
    [message] = refusals(delivery)
    assert f"{DELIVERY}/aanvragen.csv" in message
    assert "row count mismatch: manifest 3, file 2" in message


def test_checksum_mismatch(delivery: Path):
    path = delivery / "organisaties.csv"
    path.write_bytes(path.read_bytes().replace(b"Gent", b"Genk"))  # same size, same rows
    [message] = refusals(delivery)
    assert f"{DELIVERY}/organisaties.csv" in message and "sha256 mismatch" in message


def test_control_total_mismatch(delivery: Path):
    edit_manifest(delivery, "afrekeningen.csv", control_total="1200,01")
    [message] = refusals(delivery)
    assert f"{DELIVERY}/afrekeningen.csv" in message
    assert "control total mismatch: manifest 1200,01, sum of bedrag 1200,00" in message


def test_control_total_reads_thousands_separators(tmp_path: Path):
    rows = default_rows(DELIVERY)["afrekeningen.csv"]
    rows[0][5] = "12.345.678,90"
    folder = write_delivery(tmp_path, DELIVERY, {"afrekeningen.csv": rows})
    manifest = json.loads((folder / spec.MANIFEST).read_text())
    assert manifest["files"]["afrekeningen.csv"]["control_total"] == "12345644,34"
    assert refusals(folder) == []


def test_header_drift(delivery: Path):
    header = list(spec.COLUMNS["mails.csv"])
    header[2], header[3] = header[3], header[2]  # same names, other order
    rows = default_rows(DELIVERY)["mails.csv"]
    (delivery / "mails.csv").write_bytes(encode_csv(header, rows))
    write_manifest(delivery)
    [message] = refusals(delivery)
    assert f"{DELIVERY}/mails.csv line 1" in message and "header differs" in message
    assert "order differs" in message


def test_header_with_renamed_column(delivery: Path):
    header = [c if c != "vorm" else "soort" for c in spec.COLUMNS["begeleidingen.csv"]]
    rows = default_rows(DELIVERY)["begeleidingen.csv"]
    (delivery / "begeleidingen.csv").write_bytes(encode_csv(header, rows))
    write_manifest(delivery)
    [message] = refusals(delivery)
    assert "missing ['vorm']" in message and "unexpected ['soort']" in message


def test_invalid_utf8(delivery: Path):
    path = delivery / "organisaties.csv"
    data = path.read_bytes().replace(b"Amsterdam", b"Amst\xe9rdam")  # latin-1 'é'
    path.write_bytes(data)
    write_manifest(delivery)
    [message] = refusals(delivery)
    offset = data.index(b"\xe9")
    assert f"{DELIVERY}/organisaties.csv line 3" in message
    assert f"invalid UTF-8 at byte offset {offset} (byte 0xe9)" in message


def test_cut_last_line_with_a_matching_manifest_is_read_not_refused(delivery: Path):
    """A file cut inside its last row, with a manifest written over the cut file: every
    byte is what the manifest vouches for, so nothing of the spec's refusal list applies;
    the last line has no line end (warning) and too few fields (quarantined by dbt)."""
    path = delivery / "afrekeningen.csv"
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b";", 0, len(data) - 20)])  # cut inside the last row
    write_manifest(delivery)
    findings = check_delivery(delivery).findings
    assert [f for f in findings if f.severity == REFUSE] == []
    messages = [str(f) for f in findings]
    assert f"{WARN} {DELIVERY}/afrekeningen.csv line 3: the last line has no line end (CRLF)" in (
        messages
    )
    assert any(
        m.startswith(f"{WARN} {DELIVERY}/afrekeningen.csv line 3: row has ")
        and m.endswith("fields, expected 8: quarantined")
        for m in messages
    ), messages


def test_truncated_file_is_refused_by_its_manifest(delivery: Path):
    path = delivery / "mails.csv"
    path.write_bytes(path.read_bytes()[:-2])
    [message] = refusals(delivery)
    assert f"{DELIVERY}/mails.csv" in message and "sha256 mismatch" in message
    assert "the file ends without a line end: truncated?" in message


def test_missing_bom(delivery: Path):
    path = delivery / "dienstverleners.csv"
    path.write_bytes(path.read_bytes()[len(spec.BOM) :])
    write_manifest(delivery)
    [message] = refusals(delivery)
    assert f"{DELIVERY}/dienstverleners.csv line 1" in message and "byte-order mark" in message


def test_manifest_for_another_date(delivery: Path):
    manifest = json.loads((delivery / spec.MANIFEST).read_text())
    manifest["extract_date"] = "2024-02-29"
    (delivery / spec.MANIFEST).write_text(json.dumps(manifest))
    [message] = refusals(delivery)
    assert "extract_date" in message


def test_folder_without_manifest_is_ignored_with_warning(extracts: Path, caplog):
    write_delivery(extracts, "2024-02-29", manifest=False)
    (extracts / "2024-02-29" / "aanvragen.csv").write_bytes(b"half a fi")
    with caplog.at_level(logging.WARNING, logger="imw.gate"):
        result = run_gate(extracts, None, run_expectations=False)
    assert result.incomplete == ["2024-02-29"]
    assert result.validated == [DELIVERY]
    assert not result.refused
    assert any("2024-02-29" in r.message and "ignored" in r.message for r in caplog.records)


def test_only_new_deliveries_are_validated(extracts: Path):
    write_delivery(extracts, "2024-02-29")
    first = run_gate(extracts, None, run_expectations=False)
    assert first.validated == [DELIVERY, "2024-02-29"]
    known = {DELIVERY: first.complete[DELIVERY]}
    second = run_gate(extracts, None, known=known, run_expectations=False)
    assert second.validated == ["2024-02-29"] and second.skipped == [DELIVERY]
    again = run_gate(extracts, None, known=known, validate_all=True, run_expectations=False)
    assert again.validated == [DELIVERY, "2024-02-29"]


def test_expectations_accept_spec_quirks_and_warn_on_bad_rows(tmp_path: Path):
    """Quirks of the spec pass; uninterpretable rows are warnings, never refusals."""
    rows = default_rows(DELIVERY)
    stale = list(rows["aanvragen.csv"][1])
    stale[13] = "30/01/2024 08:00:00"  # stale duplicate: same id, older gewijzigd_op
    rows["aanvragen.csv"].append(stale)
    rows["aanvragen.csv"][0][3] = "LOONPREMIE EN BEGELEIDINGSPREMIE"  # full label, any case
    bad = list(rows["aanvragen.csv"][1])
    bad[0], bad[3], bad[6], bad[1] = "AV2024-0000009", "XX", "31/02/2024", "ORG9999999"
    rows["aanvragen.csv"].append(bad)
    dup = list(rows["afrekeningen.csv"][0])
    dup[5] = "12,5"  # not 2 decimals
    rows["afrekeningen.csv"].append(dup)
    rows["organisaties.csv"][1][8] = "nl"  # lowercase country
    write_delivery(tmp_path / "x", DELIVERY, rows)
    result = run_gate(tmp_path / "x", tmp_path / "reports")
    assert not result.refused, result.refusals
    failures = {
        (s.file, f.column, f.severity): f for s in result.summaries[DELIVERY] for f in s.failures
    }
    assert set(failures) == {
        ("aanvragen.csv", "premietype", WARN),
        ("aanvragen.csv", "ingediend_op", WARN),
        ("aanvragen.csv", "organisatie_id", WARN),
        ("afrekeningen.csv", "afrekening_id", WARN),
        ("afrekeningen.csv", "bedrag", WARN),
    }
    assert failures[("aanvragen.csv", "premietype", WARN)].lines == [5]
    assert failures[("aanvragen.csv", "ingediend_op", WARN)].examples == ["31/02/2024"]
    md = (tmp_path / "reports" / "validation" / f"{DELIVERY}.md").read_text()
    assert "ACCEPTED WITH WARNINGS" in md and "amount parses" in md
    page = (tmp_path / "reports" / "validation" / f"{DELIVERY}.html").read_text()
    assert "<style>" in page and "http" not in page and "<script" not in page
    index = (tmp_path / "reports" / "validation" / "index.md").read_text()
    assert f"| {DELIVERY} | ACCEPTED WITH WARNINGS |" in index


def test_correction_of_an_earlier_booking_resolves_through_history(tmp_path: Path):
    root = tmp_path / "extracts"
    write_delivery(root, "2024-01-31")
    rows = default_rows("2024-02-29")
    rows["afrekeningen.csv"][1][7] = "AF202401001"  # corrects January's first booking
    write_delivery(root, "2024-02-29", rows)
    result = run_gate(root, None)
    assert not any(s.failures for s in result.summaries["2024-02-29"])
    rows["afrekeningen.csv"][1][7] = "AF209901001"  # unknown booking
    write_delivery(root, "2024-02-29", rows)
    result = run_gate(root, None, known={"2024-01-31": result.complete["2024-01-31"]})
    [failure] = [f for s in result.summaries["2024-02-29"] for f in s.failures]
    assert failure.column == "corrigeert" and failure.examples == ["AF209901001"]


def test_gate_command_exit_codes(tmp_path: Path):
    import subprocess
    import sys

    from conftest import pipeline_env

    extracts = tmp_path / "extracts"
    folder = write_delivery(extracts, DELIVERY)
    env = pipeline_env(tmp_path, extracts)
    command = [sys.executable, "-m", "imw.gate"]
    ok = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert not Path(env["IMW_WAREHOUSE_PATH"]).exists()  # validates only, builds nothing
    edit_manifest(folder, "mails.csv", rows=99)
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert f"REFUSE {DELIVERY}/mails.csv: row count mismatch: manifest 99, file 2" in refused.stdout


def test_malformed_manifest_entries_are_refusals_not_crashes(delivery: Path):
    edit_manifest(delivery, "aanvragen.csv", rows="many")
    manifest = json.loads((delivery / spec.MANIFEST).read_text())
    manifest["files"]["mails.csv"] = 2
    (delivery / spec.MANIFEST).write_text(json.dumps(manifest))
    messages = refusals(delivery)
    assert any("aanvragen.csv" in m and "not a number" in m for m in messages)
    assert any("mails.csv" in m and "not an object" in m for m in messages)
    (delivery / spec.MANIFEST).write_text("{not json")
    [message] = refusals(delivery)
    assert "_manifest.json" in message and "manifest unreadable" in message


def test_rows_with_the_wrong_number_of_fields_are_warnings_and_never_show_an_insz(tmp_path):
    """A row whose fields shifted is read (dbt quarantines it); the report's examples of the
    shifted values mask what looks like an INSZ."""
    rows = default_rows(DELIVERY)
    shifted = list(rows["aanvragen.csv"][0])
    shifted.insert(2, "EXTRA")  # the INSZ lands in premietype's place
    rows["aanvragen.csv"].append(shifted)
    rows["mails.csv"].append(["ML20240103", "FUNCTIONEEL"])
    write_delivery(tmp_path / "x", DELIVERY, rows)
    result = run_gate(tmp_path / "x", tmp_path / "reports")
    assert not result.refused, result.refusals
    assert [str(f) for f in result.findings] == [
        f"{WARN} {DELIVERY}/aanvragen.csv line 4: row has 15 fields, expected 14: quarantined",
        f"{WARN} {DELIVERY}/mails.csv line 4: row has 2 fields, expected 4: quarantined",
    ]
    [premietype] = [
        f for s in result.summaries[DELIVERY] for f in s.failures if f.column == "premietype"
    ]
    assert premietype.examples == ["<INSZ?>"] and premietype.lines == [4]
    report = (tmp_path / "reports" / "validation" / f"{DELIVERY}.md").read_text()
    assert "85.07.30" not in report and "85073003328" not in report
