"""Great Expectations suites, one per extract file, encoding `source-extracts.md`.

Each suite is built per delivery because some of its value sets come from the delivery
itself (references to other files) or from its history (corrected bookings). Every
expectation carries `meta.severity`: REFUSE for what the specification refuses (header,
row count — the structural checks catch these first; the suite states them again), WARN
for the rest: rows the warehouse keeps and flags or quarantines, never refuses.

GX validates a pandas frame prepared by `prepare_frame`: the raw text columns plus
derived columns that make a rule checkable by a stock expectation, e.g.
`ingediend_op__unparseable` (the raw value where it is not a dd/mm/yyyy date) or
`premietype__normalised` (full labels mapped to their code). The frame's index is the
physical line number in the file, so unexpected indexes point at lines.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from imw.gate import spec
from imw.gate.findings import REFUSE, WARN
from imw.gate.structure import ParsedFile

_KBO_FORMAT = re.compile(r"^(BE)?\d{4}\.?\d{3}\.?\d{3}$")


def prepare_frame(parsed: ParsedFile) -> pd.DataFrame:
    """Raw rows as a frame (None = empty field) plus the derived check columns.

    Takes over parsed.frame (check_delivery(keep_frames=True)) and adds columns to it.
    """
    if parsed.frame is None:
        raise ValueError(f"{parsed.name}: rows not kept (check_delivery(keep_frames=True))")
    frame = parsed.frame
    frame = frame.where(frame != "", None)
    file = parsed.name

    for column in spec.DATES_PAST.get(file, []) + spec.DATES_FUTURE.get(file, []):
        _add_parsed(frame, column, spec.DATE_FORMAT)
    for column in spec.TIMESTAMPS.get(file, []):
        _add_parsed(frame, column, spec.TIMESTAMP_FORMAT)

    if file == "aanvragen.csv":
        frame["premietype__normalised"] = frame["premietype"].map(_normalise_premietype)
        pct = frame["loonpremie_pct"]
        bad = pct.notna() & ~pct.fillna("").str.strip().str.match(spec.PERCENT_PATTERN)
        frame["loonpremie_pct__unparseable"] = pct.where(bad, None)
        frame["loonpremie_pct__number"] = pd.to_numeric(
            pct.where(~bad).str.replace(",", ".", regex=False), errors="coerce"
        )
    if file == "afrekeningen.csv":
        amount = frame["bedrag"].fillna("").str.strip()
        ok = amount.str.match(spec.AMOUNT_PATTERN)
        frame["bedrag__unparseable"] = frame["bedrag"].where(frame["bedrag"].notna() & ~ok, None)
        frame["bedrag__euro"] = pd.to_numeric(
            amount.where(ok).str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
            errors="coerce",
        )
    if file == "organisaties.csv":
        frame["land__normalised"] = frame["land"].str.strip().str.upper()
        frame["kbo_nummer__check_digits_fail"] = frame["kbo_nummer"].where(
            frame["kbo_nummer"].map(_kbo_fails), None
        )
        be = frame["land__normalised"] == "BE"
        postcode = frame["postcode"].fillna("").str.strip()
        frame["postcode__not_4_digits_in_be"] = frame["postcode"].where(
            be & ~postcode.str.match(r"^\d{4}$"), None
        )
    if file == "dienstverleners.csv":
        frame["kbo_nummer__check_digits_fail"] = frame["kbo_nummer"].where(
            frame["kbo_nummer"].map(_kbo_fails), None
        )
    return frame


_STRICT = {
    spec.DATE_FORMAT: r"^\d{2}/\d{2}/\d{4}$",
    spec.TIMESTAMP_FORMAT: r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$",
}


def _add_parsed(frame: pd.DataFrame, column: str, fmt: str) -> None:
    """Derived `<column>__parsed` and `<column>__unparseable` (exactly dd/mm/yyyy[ hh:mm:ss]:
    no one-digit day, no two-digit year)."""
    raw = frame[column]
    # Parsed once per distinct value (dates repeat: a few thousand values in 10^5 rows),
    # then spread back over the rows; the functions are element-wise, so the result is
    # the same as parsing every row.
    codes, uniques = pd.factorize(raw)  # missing -> -1
    text = pd.Series(uniques, dtype=object).str.strip()
    strict = text.where(text.fillna("").str.match(_STRICT[fmt]))
    distinct = pd.to_datetime(strict, format=fmt, errors="coerce")
    if fmt == spec.TIMESTAMP_FORMAT:
        distinct = _existing_in_brussels(distinct)
    distinct = pd.concat([distinct, pd.Series([pd.NaT], dtype=distinct.dtype)], ignore_index=True)
    parsed = pd.Series(distinct.to_numpy()[codes], index=frame.index)  # -1 -> the NaT
    frame[f"{column}__parsed"] = _as_nanoseconds(parsed)
    frame[f"{column}__unparseable"] = raw.where(raw.notna() & parsed.isna(), None)


def _existing_in_brussels(wall_clock: pd.Series) -> pd.Series:
    """The wall-clock times that exist in Europe/Brussels (timestamps are Brussels local
    time); a time in the spring daylight-saving gap becomes NaT, so it counts as
    unparseable, as the warehouse quarantines it. A time that occurs twice is kept."""
    summer = np.ones(len(wall_clock), dtype=bool)  # ambiguous: any reading exists
    local = wall_clock.dt.tz_localize(spec.TIME_ZONE, ambiguous=summer, nonexistent="NaT")
    return wall_clock.where(local.notna())


def _as_nanoseconds(parsed: pd.Series) -> pd.Series:
    """datetime64[ns] when every value fits (1677-2262), else the series as it is.

    pandas 3 parses into datetime64[us]; GX's ExpectColumnValuesToBeBetween compares only
    datetime64[ns] columns vectorised and calls a Python function per value on any other
    unit (most of the gate's time at scale 10). Same values, same comparisons.
    """
    if parsed.dtype == "datetime64[ns]":
        return parsed
    valid = parsed.dropna()
    if valid.empty or (valid.min() >= _NS_MIN and valid.max() <= _NS_MAX):
        return parsed.astype("datetime64[ns]")
    return parsed  # a year outside 1677-2262: keep the unit, GX takes its slow exact path


_NS_MIN = pd.Timestamp.min
_NS_MAX = pd.Timestamp.max

_LABELS: dict[str, str] | None = None


def _normalise_premietype(value: object) -> object:
    global _LABELS
    if value is None:
        return None
    if _LABELS is None:
        _LABELS = spec.premietype_labels(os.environ.get("IMW_PROJECT_DIR"))
    text = " ".join(str(value).split())
    return _LABELS.get(text.lower(), text.upper())


def _kbo_fails(value: object) -> bool:
    """True when a Belgian enterprise number is malformed or its check digits fail."""
    if value is None:
        return False
    text = str(value).strip().upper()
    if not _KBO_FORMAT.match(text):
        return True
    digits = "".join(ch for ch in text if ch.isdigit())
    return 97 - int(digits[:8]) % 97 != int(digits[8:])


def build_suite(
    gx,
    file: str,
    extract_date: date | None,
    manifest_rows: int | None,
    reference_values: dict[str, set[str]],
):
    """The expectation suite for one file of one delivery.

    reference_values maps a referencing column to the set of values it may take.
    """
    E = gx.expectations
    # Collected first and handed to the suite at once: add_expectation compares each new
    # expectation with every one before it (quadratic, ~10 % of the gate's GX time).
    expectations = []

    def add(expectation, severity: str, rule: str) -> None:
        expectation.meta = {"severity": severity, "rule": rule}
        expectations.append(expectation)

    # Header names and order are checked on the raw file (structure.py) before this suite
    # runs: the frame here also holds the derived check columns.
    add(
        E.ExpectTableColumnsToMatchSet(column_set=spec.COLUMNS[file], exact_match=False),
        REFUSE,
        "every column of the specification present",
    )
    if manifest_rows is not None:
        add(E.ExpectTableRowCountToEqual(value=manifest_rows), REFUSE, "row count as in manifest")

    for column in spec.REQUIRED[file]:
        add(E.ExpectColumnValuesToNotBeNull(column=column), WARN, "required value present")

    for column, values in spec.CODE_SETS[file].items():
        add(E.ExpectColumnValuesToBeInSet(column=column, value_set=values), WARN, "known code")
    if file == "aanvragen.csv":
        add(
            E.ExpectColumnValuesToBeInSet(
                column="premietype__normalised", value_set=spec.PREMIETYPE_CODES
            ),
            WARN,
            "known premium type (code or full label, any case)",
        )
        add(
            E.ExpectColumnValuesToBeNull(column="loonpremie_pct__unparseable"),
            WARN,
            "percentage parses (decimal comma)",
        )
        add(
            E.ExpectColumnValuesToBeBetween(
                column="loonpremie_pct__number", min_value=0, max_value=100
            ),
            WARN,
            "percentage between 0 and 100",
        )

    earliest = pd.Timestamp(spec.EARLIEST_DATE)
    latest_past = pd.Timestamp(extract_date) + timedelta(days=1) if extract_date else None
    latest_future = (
        pd.Timestamp(extract_date) + pd.DateOffset(years=spec.FUTURE_YEARS)
        if extract_date
        else None
    )
    date_columns = [(c, latest_past, "date") for c in spec.DATES_PAST.get(file, [])] + [
        (c, latest_future, "date") for c in spec.DATES_FUTURE.get(file, [])
    ]
    date_columns += [(c, latest_past, "timestamp") for c in spec.TIMESTAMPS.get(file, [])]
    for column, latest, kind in date_columns:
        fmt = "dd/mm/yyyy" if kind == "date" else "dd/mm/yyyy hh:mm:ss"
        add(
            E.ExpectColumnValuesToBeNull(column=f"{column}__unparseable"),
            WARN,
            f"{kind} parses as {fmt}",
        )
        add(
            E.ExpectColumnValuesToBeBetween(
                column=f"{column}__parsed",
                min_value=earliest.to_pydatetime(),
                max_value=latest.to_pydatetime() if latest is not None else None,
            ),
            WARN,
            f"{kind} in plausible range",
        )

    if file == "afrekeningen.csv":
        add(
            E.ExpectColumnValuesToBeNull(column="bedrag__unparseable"),
            WARN,
            "amount parses (decimal comma, 2 decimals)",
        )
        add(
            E.ExpectColumnValuesToBeBetween(
                column="bedrag__euro", min_value=-spec.AMOUNT_LIMIT, max_value=spec.AMOUNT_LIMIT
            ),
            WARN,
            "amount in plausible range",
        )
    if file == "organisaties.csv":
        add(
            E.ExpectColumnValuesToMatchRegex(column="land__normalised", regex=r"^[A-Z]{2}$"),
            WARN,
            "country is ISO 3166-1 alpha-2 (any case)",
        )
        add(
            E.ExpectColumnValuesToBeNull(column="postcode__not_4_digits_in_be"),
            WARN,
            "Belgian postal code has 4 digits (after trimming)",
        )
    if file in ("organisaties.csv", "dienstverleners.csv"):
        add(
            E.ExpectColumnValuesToBeNull(column="kbo_nummer__check_digits_fail", mostly=0.99),
            WARN,
            "KBO number well-formed with valid check digits (source has ~1/1000 typos: kept)",
        )

    key = spec.KEYS[file]
    if len(key) == 1:
        add(E.ExpectColumnValuesToBeUnique(column=key[0]), WARN, "key unique in the file")
    else:
        add(
            E.ExpectCompoundColumnsToBeUnique(column_list=key),
            WARN,
            f"({', '.join(key)}) unique in the file (stale duplicates allowed)",
        )

    for column, target_file, target_column in spec.REFERENCES.get(file, []):
        if column not in reference_values:
            continue
        where = "this delivery" if target_file != file else "this delivery or earlier ones"
        # The id sets hold thousands of values: GX serialises an in-set value_set on every
        # metric (minutes per file), so the lookup is a derived column (add_references).
        add(
            E.ExpectColumnValuesToBeNull(column=f"{column}__unresolved"),
            WARN,
            f"reference resolves to {target_file}.{target_column} in {where}",
        )
    return gx.ExpectationSuite(name=f"imw_{file.removesuffix('.csv')}", expectations=expectations)


def add_references(frame: pd.DataFrame, reference_values: dict[str, set[str]]) -> None:
    """Derived `<column>__unresolved`: the value where it is not among the known ids."""
    for column, values in reference_values.items():
        raw = frame[column]
        frame[f"{column}__unresolved"] = raw.where(raw.notna() & ~raw.isin(values), None)
