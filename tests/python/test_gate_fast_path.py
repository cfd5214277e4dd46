"""The gate's two reading paths: DuckDB for clean files, Python's csv module for the rest.

Every file DuckDB or the byte scan cannot prove clean is re-read row by row so the finding
names the exact line; a clean file is read once by DuckDB. These tests check that the fast
path is taken where it should be, that it finds what the precise path finds, and that both
read the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import default_rows, encode_csv, write_delivery, write_manifest
from imw.gate import REFUSE, WARN, spec
from imw.gate.structure import _check_file_python, check_delivery

DELIVERY = "2024-01-31"
EDGE = Path(__file__).resolve().parents[1] / "fixtures" / "deliveries_edge"


def _paths(check) -> dict[str, bool]:
    return {file: parsed.fast for file, parsed in check.files.items()}


def _replace_line(folder: Path, file: str, line: int, raw: bytes) -> None:
    """Replace physical line `line` (header = 1) of file by raw bytes, then fix the manifest."""
    path = folder / file
    lines = path.read_bytes().split(b"\r\n")
    lines[line - 1] = raw
    path.write_bytes(b"\r\n".join(lines))
    write_manifest(folder)


def test_clean_delivery_takes_the_fast_path(extracts: Path):
    check = check_delivery(extracts / DELIVERY)
    assert check.findings == []
    assert _paths(check) == dict.fromkeys(spec.FILES, True)


def test_wrong_field_count_found_by_duckdb_is_a_warning_with_file_and_line(extracts: Path):
    folder = extracts / DELIVERY
    row = default_rows(DELIVERY)["begeleidingen.csv"][0]
    _replace_line(folder, "begeleidingen.csv", 2, ";".join([*row, "extra"]).encode())
    check = check_delivery(folder)
    assert [f for f in check.findings if f.severity == REFUSE] == []  # quarantined by dbt
    [message] = [str(f) for f in check.findings]
    assert message == (
        f"{WARN} {DELIVERY}/begeleidingen.csv line 2: row has 7 fields, expected 6: quarantined"
    )
    paths = _paths(check)
    assert paths.pop("begeleidingen.csv") is False  # re-read row by row for the line
    assert all(paths.values())


def test_blank_line_that_duckdb_would_skip_is_refused(extracts: Path):
    folder = extracts / DELIVERY
    path = folder / "mails.csv"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"\r\n", b"\r\n\r\n", 2).replace(b"\r\n\r\n", b"\r\n", 1))
    write_manifest(folder)  # the manifest counts the blank line as a row, like the csv module
    messages = [str(f) for f in check_delivery(folder).findings if f.severity == REFUSE]
    assert messages == [
        f"{REFUSE} {DELIVERY}/mails.csv line 3: empty line: the warehouse's CSV reader would "
        "skip it and misnumber every line after it"
    ]


@pytest.mark.parametrize(
    "field, problem",
    [
        (b'"LOONPREMIE" ', "malformed CSV"),  # the csv module refuses; DuckDB would accept
        (b' "LOONPREMIE"', "known code"),  # the csv module keeps the quotes: not a code
    ],
)
def test_quote_next_to_a_space_is_read_as_the_csv_module_reads_it(
    tmp_path: Path, field: bytes, problem: str
):
    from imw.gate import run_gate

    folder = write_delivery(tmp_path / "x", DELIVERY)
    row = default_rows(DELIVERY)["afrekeningen.csv"][0]
    raw = ";".join(row).encode().replace(b";LOONPREMIE;", b";" + field + b";")
    _replace_line(folder, "afrekeningen.csv", 2, raw)
    check = check_delivery(folder)
    assert _paths(check)["afrekeningen.csv"] is False
    if problem == "malformed CSV":
        messages = [str(f) for f in check.findings if f.severity == REFUSE]
        assert any(f"{DELIVERY}/afrekeningen.csv line 2" in m and problem in m for m in messages)
    else:
        assert check.findings == []
        result = run_gate(tmp_path / "x", None)
        [failure] = [f for s in result.summaries[DELIVERY] for f in s.failures]
        assert failure.column == "component" and failure.rule == problem
        assert failure.examples == [' "LOONPREMIE"'] and failure.lines == [2]


def test_line_break_inside_quotes_keeps_physical_line_numbers(tmp_path: Path):
    rows = default_rows(DELIVERY)
    rows["organisaties.csv"][0][3] = "Atelier\r\nZuid"  # a name over two lines
    rows["organisaties.csv"][1][8] = "xx-lang"  # not a country code, on physical line 4
    folder = write_delivery(tmp_path, DELIVERY, rows)
    check = check_delivery(folder, keep_frames=True)
    assert check.findings == []
    parsed = check.files["organisaties.csv"]
    assert parsed.fast is False and parsed.row_count == 2
    assert list(parsed.frame.index) == [3, 4]  # where each row ends
    assert parsed.frame.loc[3, "naam"] == "Atelier\r\nZuid"


def test_lone_carriage_return_takes_the_precise_path(tmp_path: Path):
    rows = default_rows(DELIVERY)
    rows["dienstverleners.csv"][0][1] = "Coach\rPlus"
    folder = write_delivery(tmp_path, DELIVERY, rows)
    check = check_delivery(folder)
    assert _paths(check)["dienstverleners.csv"] is False
    assert check.findings == []  # inside quotes: the csv module reads it as text


def test_unparseable_amount_on_the_fast_path_names_its_line(tmp_path: Path):
    rows = default_rows(DELIVERY)
    rows["afrekeningen.csv"][1][5] = "12,5"
    folder = write_delivery(tmp_path, DELIVERY, rows)
    check = check_delivery(folder)
    assert _paths(check)["afrekeningen.csv"] is True
    assert [str(f) for f in check.findings] == [
        f"{WARN} {DELIVERY}/afrekeningen.csv: 1 amounts do not parse (first at line 3)"
    ]


def test_control_total_mismatch_on_the_fast_path(tmp_path: Path):
    import json

    folder = write_delivery(tmp_path, DELIVERY)
    manifest = json.loads((folder / spec.MANIFEST).read_text())
    manifest["files"]["afrekeningen.csv"]["control_total"] = "1200,01"
    (folder / spec.MANIFEST).write_text(json.dumps(manifest))
    check = check_delivery(folder)
    assert _paths(check)["afrekeningen.csv"] is True
    [message] = [str(f) for f in check.findings]
    assert "control total mismatch: manifest 1200,01, sum of bedrag 1200,00" in message


def test_header_only_file_takes_the_fast_path(tmp_path: Path):
    folder = write_delivery(tmp_path, DELIVERY)
    (folder / "mails.csv").write_bytes(encode_csv(spec.COLUMNS["mails.csv"], []))
    write_manifest(folder)
    check = check_delivery(folder, keep_frames=True)
    assert check.findings == [] and check.files["mails.csv"].row_count == 0
    assert check.files["mails.csv"].fast is True and check.files["mails.csv"].frame.empty


@pytest.mark.parametrize(
    "folder",
    [*sorted(p for p in EDGE.iterdir() if p.is_dir()), None],
    ids=lambda p: p.name if p else "conftest",
)
def test_both_paths_read_the_same_rows(folder: Path | None, tmp_path: Path):
    if folder is None:
        folder = write_delivery(tmp_path, DELIVERY)
    check = check_delivery(folder, keep_frames=True)
    for file, parsed in check.files.items():
        entry = {"rows": parsed.row_count, "control_total": "0"}
        precise = _check_file_python(
            folder / file, file, entry, lambda *a: None, lambda *a: None, True
        )
        assert precise.row_count == parsed.row_count, file
        assert list(precise.frame.columns) == list(parsed.frame.columns), file
        assert list(precise.frame.index) == list(parsed.frame.index), file
        assert precise.frame.equals(parsed.frame), file


def _all_failures(result) -> list[tuple]:
    return [
        (name, s.file, s.evaluated, f.rule, f.column, f.unexpected, f.examples, f.lines)
        for name, summaries in result.summaries.items()
        for s in summaries
        for f in s.failures
    ]


def _history_root(tmp_path: Path) -> Path:
    root = tmp_path / "extracts"
    write_delivery(root, "2024-01-31")
    rows = default_rows("2024-02-29")
    rows["afrekeningen.csv"][1][7] = "AF202401001"  # corrects January's first booking
    rows["afrekeningen.csv"].append(list(rows["afrekeningen.csv"][1]))
    rows["afrekeningen.csv"][2][0] = "AF202402003"
    rows["afrekeningen.csv"][2][7] = "AF209901001"  # unknown booking
    rows["aanvragen.csv"][1][4] = "ONBEKEND"  # one more failed expectation
    write_delivery(root, "2024-02-29", rows)
    return root


def test_history_hits_hold_the_earlier_ids_corrections_refer_to(tmp_path: Path):
    from imw.gate.runner import _History, _history_hits

    root = _history_root(tmp_path)
    names = ["2024-01-31", "2024-02-29"]
    hits = _history_hits(root, names, names)
    assert hits == {"2024-01-31": frozenset(), "2024-02-29": frozenset({"AF202401001"})}
    # what the row-by-row history holds, restricted to the values that are looked up
    before = _History(root, names).before("2024-02-29")
    assert hits["2024-02-29"] == before & {"AF202401001", "AF209901001", "AF202402001"}


def test_history_falls_back_when_duckdb_would_read_a_file_differently(tmp_path: Path):
    from imw.gate import run_gate
    from imw.gate.runner import _history_hits

    root = _history_root(tmp_path)
    path = root / "2024-01-31" / "afrekeningen.csv"
    path.write_bytes(path.read_bytes().replace(b";LOONPREMIE;", b'; "LOONPREMIE";', 1))
    write_manifest(root / "2024-01-31")
    assert _history_hits(root, ["2024-01-31", "2024-02-29"], ["2024-02-29"]) == {}
    result = run_gate(root, None, known={}, validate_all=True)
    [failure] = [
        f
        for s in result.summaries["2024-02-29"]
        for f in s.failures
        if s.file == "afrekeningen.csv"
    ]
    assert failure.column == "corrigeert" and failure.examples == ["AF209901001"]


def test_one_worker_and_two_workers_give_the_same_results(tmp_path: Path, monkeypatch):
    from imw.gate import run_gate

    root = _history_root(tmp_path)
    monkeypatch.setenv("IMW_GATE_WORKERS", "1")
    one = run_gate(root, tmp_path / "one")
    monkeypatch.setenv("IMW_GATE_WORKERS", "2")
    two = run_gate(root, tmp_path / "two")
    assert _all_failures(one) == _all_failures(two) and len(_all_failures(one)) == 2
    assert [str(f) for f in one.findings] == [str(f) for f in two.findings]
    for report in ("2024-02-29.md", "2024-02-29.html", "index.md"):
        assert (tmp_path / "one" / "validation" / report).read_text() == (
            tmp_path / "two" / "validation" / report
        ).read_text()


def test_two_pass_validation_equals_one_summary_pass(tmp_path: Path):
    """Pass/fail first, details for the failed ones: the same as one SUMMARY pass."""
    from imw.gate.runner import _DETAIL, _batch, _gx, _key, _validate_suite
    from imw.gate.suites import add_references, build_suite, prepare_frame

    rows = default_rows(DELIVERY)
    rows["aanvragen.csv"][0][6] = "31/02/2024"  # date does not parse
    rows["aanvragen.csv"][1][4] = "ONBEKEND"  # unknown code
    rows["aanvragen.csv"][1][9] = "01/01/1980"  # before the earliest plausible date
    folder = write_delivery(tmp_path, DELIVERY, rows)
    check = check_delivery(folder, keep_frames=True)
    gx = _gx()[0]
    parsed = check.files["aanvragen.csv"]
    refs = {"organisatie_id": {"ORG0000001"}}
    frame = prepare_frame(parsed)
    add_references(frame, refs)
    suite = build_suite(gx, "aanvragen.csv", check.extract_date, 2, refs)
    batch = _batch("aanvragen.csv", frame)
    two = _validate_suite(gx, batch, suite)
    one = batch.validate(suite, result_format=_DETAIL).results
    assert len(one) == len(two)
    assert sum(not r.success for r in two) == 4
    by_key = {_key(r): r for r in one}
    for res in two:
        ref = by_key[_key(res)]
        assert res.success == ref.success
        if not res.success:
            assert res.result == ref.result
            assert res.expectation_config.meta == ref.expectation_config.meta
