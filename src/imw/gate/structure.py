"""Structural checks of one delivery folder against its manifest and the specification.

Refusals (`source-extracts.md`, "Refuse the delivery"): a file missing from the folder or
absent from the manifest, an entry of the folder that the manifest does not list
(`imw.gate.integrity`), a row count / sha256 / control-total mismatch, a header that
differs from the specification (a missing byte-order mark included), invalid UTF-8. Also
refused, naming the line, because the warehouse's CSV reader (DuckDB) cannot read such a
line as the specification's format means it, and a row read wrongly or skipped would be
altered or dropped silently: an empty line (DuckDB skips it, and every line number after it
would be wrong), a lone carriage return outside quotes that ends a row, a quote that makes
the file unparseable.

Warnings (the file is read, the warehouse keeps or quarantines its rows): a row with the
wrong number of fields (dbt quarantines it: a row that cannot be interpreted), a line that
ends in LF instead of CRLF (interpretable: read as a line end, by dbt as well), a last line
without a line end whose file matches its manifest (when the manifest does not match, the
sha256 mismatch is the refusal, and its message says the file looks truncated).

Two paths per file, with the same findings:

- fast (every well-formed file): one streaming pass in Python (sha256, byte-order mark,
  line endings, the exact header bytes, a few byte patterns on which DuckDB's CSV reader and
  Python's `csv` module disagree), then DuckDB's strict `read_csv` parses every row, checks
  the field counts and UTF-8, counts the rows and sums the amounts. One record per physical
  line is verified (rows + 1 = line feeds), so line n of the file is data row n - 1.
- precise (anything the fast path cannot prove clean, or DuckDB rejects): the file is parsed
  again row by row with Python's `csv` module, which names the exact line of each problem.
  Only a file with a problem takes this path.

With `keep_frames`, the raw rows are kept as a pandas frame (index = physical line) so the
Great Expectations suites need not read the files again.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from imw.gate import spec
from imw.gate.findings import REFUSE, WARN, Finding
from imw.gate.integrity import unlisted_entries

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger("imw.gate")

DELIVERY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Note(Protocol):
    """How a check records a finding: `refuse` or `warn` of check_delivery."""

    def __call__(self, file: str | None, problem: str, line: int | None = None) -> None: ...


# A manifest's entry for one file (rows, sha256, control_total), as JSON gives it.
Entry = dict[str, Any]
# DuckDB's aggregate over a file: (rows, longest field, amount total, amounts not parsed).
Aggregate = tuple[int, int | None, int | None, int | None]


@dataclass
class ParsedFile:
    name: str
    header: list[str]
    row_count: int  # data rows (header excluded)
    # Raw rows (text, None = empty field), one column per header field, index = physical
    # line where the row ends; None unless check_delivery(keep_frames=True).
    frame: pd.DataFrame | None = None
    fast: bool = False  # read by the DuckDB path (False: the row-by-row Python path)


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


def check_delivery(
    folder: Path, keep_frames: bool = False, duckdb_threads: int | None = None
) -> DeliveryCheck:
    """Run every structural check on one delivery; never raises for bad content.

    keep_frames: keep each readable file's rows as a frame (for the expectation suites).
    duckdb_threads: DuckDB threads for the fast path (None: all cores).
    """
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
    # a specification file the manifest leaves out is refused below ("absent from the
    # manifest"); every other unlisted entry here
    result.findings.extend(unlisted_entries(folder, [*files, *spec.FILES]))

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
        parsed = _check_file(path, file, entry, refuse, warn, keep_frames, duckdb_threads)
        if parsed is not None:
            result.files[file] = parsed
    return result


def _check_file(
    path: Path,
    file: str,
    entry: Entry,
    refuse: Note,
    warn: Note,
    keep_frame: bool,
    threads: int | None,
) -> ParsedFile | None:
    # The byte scan (Python) and DuckDB's parse (native threads, without the GIL) side by
    # side; DuckDB's answer is used only if the scan finds the file fit for it.
    with ThreadPoolExecutor(1) as pool:
        parse = pool.submit(_duckdb_aggregate, path, file, threads)
        scan = _scan(path)
        aggregate = parse.result()

    # Checksum first: it covers every byte, whatever else is wrong.
    expected_sha = str(entry.get("sha256", "")).lower()
    if not expected_sha:
        refuse(file, "manifest gives no sha256")
    elif scan.sha256 != expected_sha:
        hint = "" if scan.ends_with_line_feed else " (the file ends without a line end: truncated?)"
        refuse(file, f"sha256 mismatch: manifest {expected_sha}, file {scan.sha256}{hint}")

    why_not = scan.why_not_fast(file)
    if why_not is None:
        parsed = _check_file_duckdb(
            path, file, entry, refuse, warn, keep_frame, scan, aggregate, threads
        )
        if parsed is not None:
            return parsed
    else:
        log.debug("%s: precise path (%s)", path, why_not)
    return _check_file_python(path, file, entry, refuse, warn, keep_frame)


_CHUNK = 8 << 20
# A quote next to a space at the edge of a field: DuckDB skips the spaces and reads a quoted
# value, Python's csv module keeps them and the quotes as text (or refuses `"x" ;`).
_SPACE_QUOTE = [re.compile(p) for p in (rb'; +"', rb'\n +"', rb'" +;', rb'" +\r')]


@dataclass
class _Scan:
    """What one streaming pass over the raw bytes of a file says."""

    sha256: str
    size: int
    head: bytes  # the first line (up to 64 KiB)
    ends_with_crlf: bool
    ends_with_line_feed: bool
    line_feeds: int
    carriage_returns: int
    crlfs: int
    space_quote: bool

    def why_not_fast(self, file: str) -> str | None:
        """None when DuckDB's reading of the file equals Python's csv module's, else why not."""
        if not self.head.startswith(spec.BOM):
            return "no byte-order mark"
        if self.head != _header_line(file):
            return "header line differs from the specification"
        if not self.ends_with_crlf:
            return "last line does not end with CRLF"
        if not (self.line_feeds == self.carriage_returns == self.crlfs):
            return "line endings other than CRLF"
        if self.space_quote:
            return "a quote next to a space at a field edge"
        return None


def _header_line(file: str) -> bytes:
    return spec.BOM + spec.DELIMITER.join(spec.COLUMNS[file]).encode("utf-8") + b"\r\n"


def _scan(path: Path) -> _Scan:
    sha = hashlib.sha256()
    head = b""
    size = line_feeds = carriage_returns = crlfs = 0
    space_quote = _SpaceQuote()
    last = b""  # the last bytes seen: CRLF across chunks, the end of the file
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
            if size == 0:
                end = chunk.find(b"\n", 0, 65536)
                head = chunk[: end + 1] if end >= 0 else chunk[:65536]
            size += len(chunk)
            line_feeds += chunk.count(b"\n")
            carriage_returns += chunk.count(b"\r")
            crlfs += chunk.count(b"\r\n") + (last.endswith(b"\r") and chunk.startswith(b"\n"))
            space_quote.feed(chunk)
            last = (last + chunk)[-2:]
    return _Scan(
        sha256=sha.hexdigest(),
        size=size,
        head=head,
        ends_with_crlf=last == b"\r\n",
        ends_with_line_feed=last.endswith(b"\n"),
        line_feeds=line_feeds,
        carriage_returns=carriage_returns,
        crlfs=crlfs,
        space_quote=space_quote.found,
    )


class _SpaceQuote:
    """Whether a stream of chunks holds a _SPACE_QUOTE pattern (also across chunks)."""

    def __init__(self) -> None:
        self.found = False
        self.tail = b""  # the end of the previous chunk, from its last non-space byte on

    def feed(self, chunk: bytes) -> None:
        if self.found:
            return
        window = self.tail + chunk
        self.found = any(p.search(window) for p in _SPACE_QUOTE)
        self.tail = window[max(len(window.rstrip(b" ")) - 1, 0) :]


def has_space_quote(path: Path) -> bool:
    """A quote next to a space at a field edge anywhere in the file (see _SPACE_QUOTE)."""
    finder = _SpaceQuote()
    with path.open("rb") as handle:
        while not finder.found and (chunk := handle.read(_CHUNK)):
            finder.feed(chunk)
    return finder.found


@functools.cache
def duckdb_connection(threads: int | None) -> duckdb.DuckDBPyConnection:
    """The in-memory DuckDB connection of this process for `threads` DuckDB threads
    (None: DuckDB's default, all cores; the gate's worker processes ask for 1)."""
    import duckdb

    config: dict[str, str | bool | int | float | list[str]] = (
        {"threads": threads} if threads else {}
    )
    return duckdb.connect(":memory:", config=config)


def _source(file: str) -> str:
    """DuckDB's strict reading of a delivery file ($path): every column as text."""
    columns = ", ".join(f"'{c}': 'VARCHAR'" for c in spec.COLUMNS[file])
    return (
        f"read_csv($path, columns = {{{columns}}}, header = true, auto_detect = false, "
        "delim = ';', quote = '\"', escape = '\"', strict_mode = true, null_padding = false, "
        "ignore_errors = false)"
    )


_AMOUNT = spec.AMOUNT_PATTERN.removeprefix("^").removesuffix("$")  # for regexp_full_match


def _duckdb_aggregate(path: Path, file: str, threads: int | None) -> Aggregate | Exception:
    """(rows, longest field in bytes, sum of the amounts that match the pattern in cents,
    number of amounts that do not) by DuckDB, or the error it raised."""
    import duckdb

    lengths = ", ".join(f'strlen("{c}")' for c in spec.COLUMNS[file])
    amounts = "null, null"
    params = {"path": str(path)}
    if file == "afrekeningen.csv":
        # Amounts that match the pattern are summed by DuckDB (RE2's \d is ASCII, so each
        # one also matches in Python, with the same digits); the others go through Python.
        amounts = (
            "sum(cast(replace(replace(trim(bedrag), '.', ''), ',', '') as hugeint)) "
            "filter (where regexp_full_match(trim(bedrag), $amount)), "
            "count(*) filter (where bedrag is not null "
            "and not regexp_full_match(trim(bedrag), $amount))"
        )
        params["amount"] = _AMOUNT
    try:
        cursor = duckdb_connection(threads).cursor()
        try:
            row = cursor.execute(
                f"select count(*), max(greatest({lengths})), {amounts} from {_source(file)}",
                params,
            ).fetchone()
            assert row is not None  # an aggregate without group by: always one row
            rows, longest, total, others = row
            return rows, longest, total, others
        finally:
            cursor.close()
    except duckdb.Error as exc:
        return exc


def _check_file_duckdb(
    path: Path, file: str, entry: Entry, refuse: Note, warn: Note, keep_frame: bool,
    scan: _Scan, aggregate: Aggregate | Exception, threads: int | None
) -> ParsedFile | None:
    """The fast path. None when DuckDB finds a problem: the caller takes the precise path."""
    import duckdb

    if isinstance(aggregate, Exception):
        log.debug("%s: precise path (DuckDB: %s)", path, str(aggregate).splitlines()[0])
        return None
    rows, longest, total, others = aggregate
    con = duckdb_connection(threads)
    header = spec.COLUMNS[file]
    source = _source(file)
    try:
        if rows + 1 != scan.line_feeds:
            # blank lines (which DuckDB skips) or line breaks inside quotes: lines != rows
            log.debug("%s: precise path (%d rows on %d lines)", path, rows, scan.line_feeds)
            return None
        if (longest or 0) > csv.field_size_limit():
            # Python's csv module refuses a field over its size limit: so must this path.
            log.debug("%s: precise path (a field of %d bytes)", path, longest)
            return None
        unparsed: list[tuple[str, int]] = []
        if others:  # the amounts that do not match, with their line (header = line 1)
            con.execute(
                f"create or replace temp table gate_amounts as select bedrag from {source}",
                {"path": str(path)},
            )
            unparsed = con.execute(
                "select bedrag, rowid + 2 from gate_amounts where bedrag is not null "
                "and not regexp_full_match(trim(bedrag), $amount) order by rowid",
                {"amount": _AMOUNT},
            ).fetchall()
            con.execute("drop table gate_amounts")
        frame = None
        if keep_frame:
            frame = con.execute(f"select * from {source}", {"path": str(path)}).df()
            if len(frame) != rows:
                return None
            frame = frame.astype(object)
            frame = frame.where(frame.notna(), None)
            frame.index = pd.RangeIndex(2, rows + 2)  # header = line 1, one record per line
    except duckdb.Error as exc:
        log.debug("%s: precise path (DuckDB: %s)", path, str(exc).splitlines()[0])
        return None

    _check_row_count(entry, rows, file, refuse)
    if file == "afrekeningen.csv":
        _check_control_total(unparsed, int(total or 0), entry, file, refuse, warn)
    return ParsedFile(name=file, header=list(header), row_count=rows, frame=frame, fast=True)


def _check_file_python(
    path: Path, file: str, entry: Entry, refuse: Note, warn: Note, keep_frame: bool
) -> ParsedFile | None:
    """The precise path: every row through Python's csv module (sha256 checked before)."""
    data = path.read_bytes()

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
    _check_line_ends(data, text, file, refuse, warn)

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
    bad_width: list[int] = []  # lines of the rows with the wrong number of fields
    try:
        for row in reader:
            if not row:
                refuse(
                    file,
                    "empty line: the warehouse's CSV reader would skip it and misnumber "
                    "every line after it",
                    reader.line_num,
                )
            elif len(row) != width:
                bad_width.append(reader.line_num)
                if len(bad_width) <= 5:
                    warn(
                        file,
                        f"row has {len(row)} fields, expected {width}: quarantined",
                        reader.line_num,
                    )
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        refuse(file, f"malformed CSV (unterminated quote?): {exc}", reader.line_num)
    if len(bad_width) > 5:
        warn(file, f"{len(bad_width)} rows in all have the wrong number of fields: quarantined")

    _check_row_count(entry, len(rows), file, refuse)

    if file == "afrekeningen.csv" and header == expected_header:
        # a row with the wrong number of fields has no bedrag that can be told (its
        # fields may have shifted): left out of the sum, as an unparseable amount is
        column = header.index("bedrag")
        amounts = [
            (row[column], line) for row, line in zip(rows, lines, strict=True) if len(row) == width
        ]
        _check_control_total(amounts, 0, entry, file, refuse, warn, bad_width)

    frame = _rows_frame(header, rows, lines) if keep_frame else None
    return ParsedFile(name=file, header=header, row_count=len(rows), frame=frame)


_BARE_LINE_FEED = re.compile(rb"(?<!\r)\n")
_LONE_CR_TEXT = re.compile(r"\r(?!\n)")


def _outside_quotes(data: bytes, positions: Iterable[int]) -> Iterator[int]:
    """The positions (ascending) that lie outside a quoted field: an even number of quote
    characters before them (a quote inside a quoted field is written twice)."""
    quotes = 0
    previous = 0
    for position in positions:
        quotes += data.count(b'"', previous, position)
        previous = position
        if quotes % 2 == 0:
            yield position


def _check_line_ends(data: bytes, text: str, file: str, refuse: Note, warn: Note) -> None:
    """Line ends other than the specification's CRLF, named by line (header = line 1).

    LF alone ends a line as CRLF does, for Python's csv module and for the warehouse's
    reader: interpretable, so a warning with the first such line. A lone CR outside quotes
    also ends a row for the csv module, but the warehouse's reader (DuckDB) does not read it
    so: the row would be altered, so the file is refused, naming the line. Inside quotes
    either is text. A last line without a line end: a warning (the sha256 and row count of
    the manifest decide whether the file is complete; a cut file fails them).
    """
    line = _first_row_ended_by_a_lone_cr(text)
    if line is not None:
        refuse(
            file,
            "a carriage return without line feed ends a row (the line end is CRLF, or LF); "
            "the warehouse cannot read the row as it is meant",
            line,
        )
    bare_lfs = (match.start() for match in _BARE_LINE_FEED.finditer(data))
    first = next(_outside_quotes(data, bare_lfs), None)
    if first is not None:
        count = len(_BARE_LINE_FEED.findall(data))
        warn(
            file,
            f"the line ends with LF instead of CRLF ({count} line feeds without CR in all); "
            "read as a line end",
            data.count(b"\n", 0, first) + 1,
        )
    if not data.endswith((b"\n", b"\r")):
        warn(file, "the last line has no line end (CRLF)", data.count(b"\n") + 1)


def _first_row_ended_by_a_lone_cr(text: str) -> int | None:
    """The line (by line feeds, header = 1) of the first row that Python's csv module ends
    at a CR without LF, or None. Such a CR inside quotes is text: the file is parsed once
    more with every lone CR as a character no file holds, and the rows differ exactly when
    one of them ended a row."""
    if _LONE_CR_TEXT.search(text) is None:
        return None
    marker = "\ue000"  # a private-use character: not in a delivery file
    if marker in text:
        marker = "\ufffe"
    as_text = _LONE_CR_TEXT.sub(marker, text)
    original = _csv_rows(text)
    replaced = csv.reader(io.StringIO(as_text, newline=""), delimiter=spec.DELIMITER)
    try:
        for index, row in enumerate(replaced):
            if index >= len(original) or [f.replace(marker, "\r") for f in row] != original[index]:
                return replaced.line_num
    except csv.Error:
        return replaced.line_num
    return None


def _csv_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=spec.DELIMITER)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error:
        pass  # refused elsewhere (malformed CSV); compare the rows up to there
    return rows


def _rows_frame(header: list[str], rows: list[list[str]], lines: list[int]) -> pd.DataFrame:
    """Rows as text columns (None = empty); a row of the wrong width is padded or cut."""
    width = len(header)
    rows = [r if len(r) == width else (r + [""] * width)[:width] for r in rows]
    frame = pd.DataFrame(rows, columns=header, index=lines, dtype=object)
    return frame.where(frame != "", None)


def _check_row_count(entry: Entry, rows: int, file: str, refuse: Note) -> None:
    expected_rows = entry.get("rows")
    if expected_rows is None:
        refuse(file, "manifest gives no row count")
    elif not str(expected_rows).isdigit():
        refuse(file, f"manifest row count is not a number: {expected_rows!r}")
    elif int(expected_rows) != rows:
        refuse(file, f"row count mismatch: manifest {expected_rows}, file {rows}")


def _check_control_total(
    amounts: Iterable[tuple[str | None, int]],
    total: int,
    entry: Entry,
    file: str,
    refuse: Note,
    warn: Note,
    bad_width: Sequence[int] = (),
) -> None:
    """amounts: (text, line) of the bedrag values still to add to total (cents), in file
    order; an empty value is left out, one that does not parse is counted and named.
    bad_width: lines of the rows left out because they have the wrong number of fields."""
    unparsed: list[int] = []
    for value, line in amounts:
        if value is None or not value.strip():
            continue
        try:
            total += spec.parse_amount(value)
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
        notes = []
        if unparsed:
            notes.append(
                f"{len(unparsed)} unparseable amounts left out, first at line {unparsed[0]}"
            )
        if bad_width:
            notes.append(
                f"{len(bad_width)} rows with the wrong number of fields left out, first at "
                f"line {bad_width[0]}"
            )
        note = f" ({'; '.join(notes)})" if notes else ""
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
