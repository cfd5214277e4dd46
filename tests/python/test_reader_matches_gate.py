"""The warehouse's CSV reader (the source's `read_csv` in _imw__sources.yml) reads every
file the gate accepts as the gate's reference reading (Python's `csv` module) does: the
same rows, one per record, in order, each field as delivered, a missing field as null and
the first surplus field in `__extra`. And what the gate refuses for the reader's sake
(an empty line, a lone CR ending a row) is what the reader would read wrongly.

DuckDB only, no dbt build: the read options are taken from the YAML file itself.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import REPO, default_rows, encode_csv, write_manifest
from imw.gate import REFUSE, spec
from imw.gate.structure import check_delivery

SOURCES = REPO / "models" / "staging" / "imw" / "_imw__sources.yml"
DELIVERY = "2024-01-31"


def reader_sql(path: Path, file: str) -> str:
    """The source's external location for one delivered file, as dbt renders it."""
    [source] = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))["sources"]
    meta = dict(source["config"]["meta"])
    [table] = [t for t in source["tables"] if t["name"] == file.removesuffix(".csv")]
    meta.update(table["config"]["meta"])
    location = meta["external_location"]
    location = location.replace("${extracts_dir}/*/${identifier}.csv", str(path))
    for key, value in meta.items():
        location = location.replace("${" + key + "}", str(value))
    assert "${" not in location, location
    return location


def read_like_dbt(path: Path, file: str) -> list[tuple]:
    with duckdb.connect() as connection:
        sql = f"select * exclude (filename) from {reader_sql(path, file)}"
        return connection.execute(sql).fetchall()


def read_like_the_gate(path: Path, file: str) -> list[tuple]:
    """Python's csv rows in the reader's shape: the spec's columns padded with None, then
    the first surplus field (None when there is none)."""
    width = len(spec.COLUMNS[file])
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))[1:]
    return [tuple((row + [None] * (width + 1))[: width + 1]) for row in rows]


def write(folder: Path, file: str, body: bytes) -> Path:
    """A delivery whose `file` is the header line plus body, and a matching manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = default_rows(DELIVERY)
    for name, header in spec.COLUMNS.items():
        (folder / name).write_bytes(encode_csv(header, rows[name]))
    header = encode_csv(spec.COLUMNS[file], [])
    (folder / file).write_bytes(header + body)
    write_manifest(folder)
    return folder / file


MAILS = [
    b"ML01;FUNCTIONEEL;01/01/2024 09:00:00;01/01/2024 15:30:00",
    b'ML02;"PERSOONLIJK";01/01/2024 09:05:00;',
    b'ML03;"FUNC;TIONEEL";"";""',
    b"ML04;FUNCTIONEEL;02/01/2024 10:00:00",  # 3 fields
    b"ML05;FUNCTIONEEL;02/01/2024 10:00:00;;surplus;more",  # 6 fields
    b"ML06;FUNCTIONEEL;02/01/2024 10:00:00;;",  # 5 fields, the fifth empty
    b"ML07",  # 1 field
    b'ML08;"line\r\nbreak";03/01/2024 10:00:00;',
    b'ML09;"lone\rcarriage return";03/01/2024 10:00:00;',
    b'ML10;"bare\nline feed";03/01/2024 10:00:00;',
]
ACCEPTED = {
    "crlf": b"\r\n".join(MAILS) + b"\r\n",
    "one_lf_line": b"\r\n".join(MAILS[:3]) + b"\n" + b"\r\n".join(MAILS[3:]) + b"\r\n",
    "lf_throughout": b"\n".join(MAILS) + b"\n",
    "no_final_line_end": b"\r\n".join(MAILS),
    "lf_and_no_final_line_end": b"\n".join(MAILS),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_reader_reads_what_the_gate_accepts_as_the_gate_does(tmp_path: Path, case: str):
    path = write(tmp_path / DELIVERY, "mails.csv", ACCEPTED[case])
    check = check_delivery(path.parent)
    assert [f for f in check.findings if f.severity == REFUSE] == []
    gate_rows = read_like_the_gate(path, "mails.csv")
    assert len(gate_rows) == len(MAILS)
    assert read_like_dbt(path, "mails.csv") == gate_rows
    assert gate_rows[3] == ("ML04", "FUNCTIONEEL", "02/01/2024 10:00:00", None, None)
    assert gate_rows[4][4] == "surplus" and gate_rows[5][4] == ""
    assert gate_rows[2] == ("ML03", "FUNC;TIONEEL", "", "", None)  # '' = empty, not missing


def test_reader_reads_a_realistic_file_with_one_lf_line_as_the_gate_does(tmp_path: Path):
    """Today's strict reader stopped here: 'CSV Parser state machine reached an invalid
    state' (dbt exit 3). A generated aanvragen.csv with one CRLF in the middle as LF."""
    from imw.generator import build_truth, write_deliveries

    write_deliveries(build_truth(), tmp_path / "generated", only_latest=True, progress=False)
    [source] = sorted((tmp_path / "generated").glob("*/aanvragen.csv"))
    data = source.read_bytes()
    middle = data.index(b"\r\n", len(data) // 2)
    line = data.count(b"\n", 0, middle) + 1
    path = write(tmp_path / DELIVERY, "aanvragen.csv", b"")
    path.write_bytes(data[:middle] + data[middle + 1 :])
    write_manifest(path.parent)
    check = check_delivery(path.parent)
    assert [f for f in check.findings if f.severity == REFUSE] == []
    [warning] = [f for f in check.findings if f.file == "aanvragen.csv"]
    assert warning.line == line and "the line ends with LF instead of CRLF" in warning.problem
    gate_rows = read_like_the_gate(path, "aanvragen.csv")
    assert read_like_dbt(path, "aanvragen.csv") == gate_rows
    assert len(gate_rows) == data.count(b"\r\n") - 1
    strict = reader_sql(path, "aanvragen.csv").replace("strict_mode=false", "strict_mode=true")
    with duckdb.connect() as connection, pytest.raises(duckdb.Error, match="invalid state"):
        connection.execute(f"select count(*) from {strict}").fetchall()


@pytest.mark.parametrize(
    "body, line, problem",
    [
        (b"ML01;FUNCTIONEEL;;\r\n\r\nML03;FUNCTIONEEL;;\r\n", 3, "empty line"),
        (
            b"ML01;FUNCTIONEEL;;\rML02;FUNCTIONEEL;;\r\nML03;FUNCTIONEEL;;\r\n",
            2,
            "a carriage return without line feed ends a row",
        ),
        (  # a stray quote in an unquoted field before it: not taken for a quoted field
            b'ML01;FUNC"TIONEEL;;\r\nML02;FUNCTIONEEL;;\rML03;FUNCTIONEEL;;\r\n',
            3,
            "a carriage return without line feed ends a row",
        ),
    ],
    ids=["empty_line", "lone_cr", "lone_cr_after_a_stray_quote"],
)
def test_what_the_reader_would_misread_is_refused_with_its_line(
    tmp_path: Path, body: bytes, line: int, problem: str
):
    path = write(tmp_path / DELIVERY, "mails.csv", body)
    assert read_like_dbt(path, "mails.csv") != read_like_the_gate(path, "mails.csv")
    refusals = [f for f in check_delivery(path.parent).findings if f.severity == REFUSE]
    assert [(f.file, f.line) for f in refusals] == [("mails.csv", line)]
    assert problem in refusals[0].problem
