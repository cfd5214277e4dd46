"""Structural checks of one delivery folder against its manifest and the specification.

Everything here is a refusal case of `source-extracts.md`: a file missing or absent from
the manifest, a row count / sha256 / control-total mismatch, a header that differs from the
specification, invalid UTF-8, a missing byte-order mark, a truncated or malformed file.
The parsed rows are kept so the Great Expectations suites need not read the files again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from imw.gate import spec
from imw.gate.findings import REFUSE, WARN, Finding

DELIVERY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ParsedFile:
    name: str
    header: list[str]
    rows: list[list[str]]  # data rows, fields as text ('' = missing)
    lines: list[int]  # physical line number where each data row ends


@dataclass
class DeliveryCheck:
    delivery: str
    path: Path
    manifest_sha256: str | None = None
    extract_date: date | None = None
    files: dict[str, ParsedFile] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(f.severity == REFUSE for f in self.findings)


def manifest_sha256(folder: Path) -> str:
    return hashlib.sha256((folder / spec.MANIFEST).read_bytes()).hexdigest()


def list_deliveries(extracts_dir: Path) -> tuple[list[Path], list[Path]]:
    """Return (complete, incomplete) delivery folders, sorted by name.

    Complete = has `_manifest.json`. Incomplete folders are still being written.
    """
    complete: list[Path] = []
    incomplete: list[Path] = []
    if not extracts_dir.is_dir():
        return complete, incomplete
    for child in sorted(extracts_dir.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        (complete if (child / spec.MANIFEST).is_file() else incomplete).append(child)
    return complete, incomplete


def _parse_control_total(text: object) -> Decimal:
    value = str(text).strip().replace(".", "").replace(",", ".")
    return Decimal(value)


def check_delivery(folder: Path) -> DeliveryCheck:
    """Run every structural check on one delivery; never raises for bad content."""
    result = DeliveryCheck(delivery=folder.name, path=folder)
    name = folder.name

    def refuse(file: str | None, problem: str, line: int | None = None) -> None:
        result.findings.append(Finding(REFUSE, name, file, problem, line))

    def warn(file: str | None, problem: str, line: int | None = None) -> None:
        result.findings.append(Finding(WARN, name, file, problem, line))

    if not DELIVERY_NAME.match(name):
        refuse(None, "folder name is not an extract date yyyy-mm-dd")
    try:
        raw_manifest = (folder / spec.MANIFEST).read_bytes()
        result.manifest_sha256 = hashlib.sha256(raw_manifest).hexdigest()
        manifest = json.loads(raw_manifest.decode("utf-8-sig"))
        files = manifest["files"]
        if not isinstance(files, dict):
            raise TypeError("'files' is not an object")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        refuse(spec.MANIFEST, f"manifest unreadable: {exc}")
        return result

    extract_date = manifest.get("extract_date")
    if extract_date != name:
        refuse(spec.MANIFEST, f"extract_date {extract_date!r} differs from folder name {name!r}")
    try:
        result.extract_date = date.fromisoformat(str(name))
    except ValueError:
        result.extract_date = None

    for extra in sorted(set(files) - set(spec.FILES)):
        warn(extra, "listed in the manifest but not part of the specification; ignored")

    for file in spec.FILES:
        path = folder / file
        entry = files.get(file)
        if entry is None:
            refuse(file, "file absent from the manifest")
        if not path.is_file():
            refuse(file, "file missing from the delivery folder")
            continue
        if entry is None:
            continue
        if not isinstance(entry, dict):
            refuse(file, f"manifest entry is not an object: {entry!r}")
            continue
        parsed = _check_file(path, file, entry, refuse, warn)
        if parsed is not None:
            result.files[file] = parsed
    return result


def _check_file(path: Path, file: str, entry: dict, refuse, warn) -> ParsedFile | None:
    data = path.read_bytes()

    # Checksum first: it covers every byte, whatever else is wrong.
    expected_sha = str(entry.get("sha256", "")).lower()
    actual_sha = hashlib.sha256(data).hexdigest()
    if not expected_sha:
        refuse(file, "manifest gives no sha256")
    elif actual_sha != expected_sha:
        refuse(file, f"sha256 mismatch: manifest {expected_sha}, file {actual_sha}")

    if not data.startswith(spec.BOM):
        refuse(file, "missing UTF-8 byte-order mark", 1)
        body = data
    else:
        body = data[len(spec.BOM) :]

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line = data.count(b"\n", 0, offset) + 1
        refuse(
            file,
            f"invalid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x}): {exc.reason}",
            line,
        )
        return None

    if not data:
        refuse(file, "file is empty (no header)")
        return None
    if not data.endswith(b"\r\n"):
        last_line = data.count(b"\n") + 1
        refuse(file, "truncated: last line does not end with CRLF", last_line)

    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=spec.DELIMITER,
        quotechar=spec.QUOTECHAR,
        strict=True,
    )
    expected_header = spec.COLUMNS[file]
    try:
        header = next(reader)
    except StopIteration:
        refuse(file, "file is empty (no header)", 1)
        return None
    except csv.Error as exc:
        refuse(file, f"header cannot be parsed: {exc}", 1)
        return None
    if header != expected_header:
        diff = _header_diff(header, expected_header)
        refuse(file, f"header differs from the specification: {diff}", 1)

    rows: list[list[str]] = []
    lines: list[int] = []
    width = len(header)
    bad_width = 0
    try:
        for row in reader:
            if len(row) != width:
                bad_width += 1
                if bad_width <= 5:
                    refuse(
                        file,
                        f"row has {len(row)} fields, expected {width}"
                        + (" (empty line)" if not row else ""),
                        reader.line_num,
                    )
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        refuse(file, f"malformed CSV (unterminated quote?): {exc}", reader.line_num)
    if bad_width > 5:
        refuse(file, f"{bad_width} rows in all have the wrong number of fields")

    expected_rows = entry.get("rows")
    if expected_rows is None:
        refuse(file, "manifest gives no row count")
    elif not str(expected_rows).isdigit():
        refuse(file, f"manifest row count is not a number: {expected_rows!r}")
    elif int(expected_rows) != len(rows):
        refuse(file, f"row count mismatch: manifest {expected_rows}, file {len(rows)}")

    if file == "afrekeningen.csv" and header == expected_header:
        _check_control_total(rows, lines, entry, header.index("bedrag"), file, refuse, warn)

    if text and "\n" in text.replace("\r\n", ""):
        warn(file, "line endings are not all CRLF")
    return ParsedFile(name=file, header=header, rows=rows, lines=lines)


def _check_control_total(rows, lines, entry, column, file, refuse, warn) -> None:
    total = 0
    unparsed: list[int] = []
    for row, line in zip(rows, lines, strict=True):
        if len(row) <= column or not row[column].strip():
            continue
        try:
            total += spec.parse_amount(row[column])
        except ValueError:
            unparsed.append(line)
    if "control_total" not in entry:
        refuse(file, "manifest gives no control_total")
        return
    try:
        expected = _parse_control_total(entry["control_total"])
    except InvalidOperation:
        refuse(file, f"manifest control_total unreadable: {entry['control_total']!r}")
        return
    actual = Decimal(total) / 100
    if expected != actual:
        note = ""
        if unparsed:
            note = f" ({len(unparsed)} unparseable amounts left out, first at line {unparsed[0]})"
        refuse(
            file,
            f"control total mismatch: manifest {entry['control_total']}, "
            f"sum of bedrag {spec.format_amount(total)}{note}",
        )
    elif unparsed:
        warn(file, f"{len(unparsed)} amounts do not parse (first at line {unparsed[0]})")


def _header_diff(actual: list[str], expected: list[str]) -> str:
    missing = [c for c in expected if c not in actual]
    extra = [c for c in actual if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing {missing}")
    if extra:
        parts.append(f"unexpected {extra}")
    if not parts:
        parts.append(f"order differs: got {actual}, expected {expected}")
    return "; ".join(parts)
