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

from datetime import date, timedelta
from typing import Any

import pandas as pd

from imw import reference
from imw.brussels_time import existing_wall_clock
from imw.check_digits import kbo_text_fails
from imw.gate import spec
from imw.gate.findings import REFUSE, WARN
from imw.gate.structure import ParsedFile

# An expectation of great_expectations (imported lazily by the runner; no type stubs).
Expectation = Any


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
        _add_application_checks(frame)
    if file == "afrekeningen.csv":
        _add_amount_checks(frame)
    if file == "organisaties.csv":
        _add_organisation_checks(frame)
    if file in ("organisaties.csv", "dienstverleners.csv"):
        frame["kbo_nummer__check_digits_fail"] = frame["kbo_nummer"].where(
            frame["kbo_nummer"].map(kbo_text_fails), None
        )
    return frame


def _add_application_checks(frame: pd.DataFrame) -> None:
    """`premietype__normalised` (full labels mapped to their code) and the percentage's
    `loonpremie_pct__unparseable` / `__number`."""
    labels = reference.premium_type_labels()

    def normalise(value: object) -> object:
        if value is None:
            return None
        text = " ".join(str(value).split())
        return labels.get(text.lower(), text.upper())

    frame["premietype__normalised"] = frame["premietype"].map(normalise)
    pct = frame["loonpremie_pct"]
    bad = pct.notna() & ~pct.fillna("").str.strip().str.match(spec.PERCENT_PATTERN)
    frame["loonpremie_pct__unparseable"] = pct.where(bad, None)
    frame["loonpremie_pct__number"] = pd.to_numeric(
        pct.where(~bad).str.replace(",", ".", regex=False), errors="coerce"
    )


def _add_amount_checks(frame: pd.DataFrame) -> None:
    """`bedrag__unparseable` (not the decimal-comma pattern) and `bedrag__euro`."""
    amount = frame["bedrag"].fillna("").str.strip()
    ok = amount.str.match(spec.AMOUNT_PATTERN)
    frame["bedrag__unparseable"] = frame["bedrag"].where(frame["bedrag"].notna() & ~ok, None)
    frame["bedrag__euro"] = pd.to_numeric(
        amount.where(ok).str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
        errors="coerce",
    )


def _add_organisation_checks(frame: pd.DataFrame) -> None:
    """`land__normalised` and `postcode__not_4_digits_in_be`."""
    frame["land__normalised"] = frame["land"].str.strip().str.upper()
    be = frame["land__normalised"] == "BE"
    postcode = frame["postcode"].fillna("").str.strip()
    frame["postcode__not_4_digits_in_be"] = frame["postcode"].where(
        be & ~postcode.str.match(r"^\d{4}$"), None
    )


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
        distinct = existing_wall_clock(distinct)
    distinct = pd.concat([distinct, pd.Series([pd.NaT], dtype=distinct.dtype)], ignore_index=True)
    parsed = pd.Series(distinct.to_numpy()[codes], index=frame.index)  # -1 -> the NaT
    frame[f"{column}__parsed"] = _as_nanoseconds(parsed)
    frame[f"{column}__unparseable"] = raw.where(raw.notna() & parsed.isna(), None)


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


def build_suite(
    gx: Any,
    file: str,
    extract_date: date | None,
    manifest_rows: int | None,
    reference_values: dict[str, set[str]],
) -> Any:
    """The expectation suite for one file of one delivery.

    reference_values maps a referencing column to the set of values it may take.
    """
    E = gx.expectations
    # Collected first and handed to the suite at once: add_expectation compares each new
    # expectation with every one before it (quadratic, ~10 % of the gate's GX time).
    expectations = [
        *_file_rules(E, file, manifest_rows),
        *_code_rules(E, file),
        *_date_rules(E, file, extract_date),
        *_value_rules(E, file),
        *_key_rules(E, file),
        *_reference_rules(E, file, reference_values),
    ]
    return gx.ExpectationSuite(name=f"imw_{file.removesuffix('.csv')}", expectations=expectations)


def _rule(expectation: Expectation, severity: str, rule: str) -> Expectation:
    """The expectation with its severity and the rule's wording in `meta`."""
    expectation.meta = {"severity": severity, "rule": rule}
    return expectation


def _file_rules(E: Any, file: str, manifest_rows: int | None) -> list[Expectation]:
    """Every column present, the manifest's row count, the required values."""
    # Header names and order are checked on the raw file (structure.py) before this suite
    # runs: the frame here also holds the derived check columns.
    rules = [
        _rule(
            E.ExpectTableColumnsToMatchSet(column_set=spec.COLUMNS[file], exact_match=False),
            REFUSE,
            "every column of the specification present",
        )
    ]
    if manifest_rows is not None:
        rules.append(
            _rule(
                E.ExpectTableRowCountToEqual(value=manifest_rows),
                REFUSE,
                "row count as in manifest",
            )
        )
    rules += [
        _rule(E.ExpectColumnValuesToNotBeNull(column=column), WARN, "required value present")
        for column in spec.REQUIRED[file]
    ]
    return rules


def _code_rules(E: Any, file: str) -> list[Expectation]:
    """Known codes (the seeds' lists); for applications also the premium type and the
    percentage."""
    rules = [
        _rule(E.ExpectColumnValuesToBeInSet(column=column, value_set=values), WARN, "known code")
        for column, values in spec.code_sets(file).items()
    ]
    if file == "aanvragen.csv":
        rules += [
            _rule(
                E.ExpectColumnValuesToBeInSet(
                    column="premietype__normalised", value_set=spec.premietype_codes()
                ),
                WARN,
                "known premium type (code or full label, any case)",
            ),
            _rule(
                E.ExpectColumnValuesToBeNull(column="loonpremie_pct__unparseable"),
                WARN,
                "percentage parses (decimal comma)",
            ),
            _rule(
                E.ExpectColumnValuesToBeBetween(
                    column="loonpremie_pct__number", min_value=0, max_value=100
                ),
                WARN,
                "percentage between 0 and 100",
            ),
        ]
    return rules


def _date_rules(E: Any, file: str, extract_date: date | None) -> list[Expectation]:
    """Each date and timestamp parses and lies in a plausible range: from EARLIEST_DATE to
    the extract date (past columns, timestamps) or FUTURE_YEARS after it (end dates)."""
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
    rules = []
    for column, latest, kind in date_columns:
        fmt = "dd/mm/yyyy" if kind == "date" else "dd/mm/yyyy hh:mm:ss"
        rules.append(
            _rule(
                E.ExpectColumnValuesToBeNull(column=f"{column}__unparseable"),
                WARN,
                f"{kind} parses as {fmt}",
            )
        )
        rules.append(
            _rule(
                E.ExpectColumnValuesToBeBetween(
                    column=f"{column}__parsed",
                    min_value=earliest.to_pydatetime(),
                    max_value=latest.to_pydatetime() if latest is not None else None,
                ),
                WARN,
                f"{kind} in plausible range",
            )
        )
    return rules


def _value_rules(E: Any, file: str) -> list[Expectation]:
    """The file's own value formats: amounts, country and postal code, KBO numbers."""
    rules = []
    if file == "afrekeningen.csv":
        rules += [
            _rule(
                E.ExpectColumnValuesToBeNull(column="bedrag__unparseable"),
                WARN,
                "amount parses (decimal comma, 2 decimals)",
            ),
            _rule(
                E.ExpectColumnValuesToBeBetween(
                    column="bedrag__euro",
                    min_value=-spec.AMOUNT_LIMIT,
                    max_value=spec.AMOUNT_LIMIT,
                ),
                WARN,
                "amount in plausible range",
            ),
        ]
    if file == "organisaties.csv":
        rules += [
            _rule(
                E.ExpectColumnValuesToMatchRegex(column="land__normalised", regex=r"^[A-Z]{2}$"),
                WARN,
                "country is ISO 3166-1 alpha-2 (any case)",
            ),
            _rule(
                E.ExpectColumnValuesToBeNull(column="postcode__not_4_digits_in_be"),
                WARN,
                "Belgian postal code has 4 digits (after trimming)",
            ),
        ]
    if file in ("organisaties.csv", "dienstverleners.csv"):
        rules.append(
            _rule(
                E.ExpectColumnValuesToBeNull(column="kbo_nummer__check_digits_fail", mostly=0.99),
                WARN,
                "KBO number well-formed with valid check digits (source has ~1/1000 typos: kept)",
            )
        )
    return rules


def _key_rules(E: Any, file: str) -> list[Expectation]:
    """The file's key is unique (aanvragen: with gewijzigd_op, stale duplicates allowed)."""
    key = spec.KEYS[file]
    if len(key) == 1:
        return [
            _rule(E.ExpectColumnValuesToBeUnique(column=key[0]), WARN, "key unique in the file")
        ]
    return [
        _rule(
            E.ExpectCompoundColumnsToBeUnique(column_list=key),
            WARN,
            f"({', '.join(key)}) unique in the file (stale duplicates allowed)",
        )
    ]


def _reference_rules(E: Any, file: str, reference_values: dict[str, set[str]]) -> list[Expectation]:
    """Each reference resolves (a derived `<column>__unresolved` column is null)."""
    rules = []
    for column, target_file, target_column in spec.REFERENCES.get(file, []):
        if column not in reference_values:
            continue
        where = "this delivery" if target_file != file else "this delivery or earlier ones"
        # The id sets hold thousands of values: GX serialises an in-set value_set on every
        # metric (minutes per file), so the lookup is a derived column (add_references).
        rules.append(
            _rule(
                E.ExpectColumnValuesToBeNull(column=f"{column}__unresolved"),
                WARN,
                f"reference resolves to {target_file}.{target_column} in {where}",
            )
        )
    return rules


def add_references(frame: pd.DataFrame, reference_values: dict[str, set[str]]) -> None:
    """Derived `<column>__unresolved`: the value where it is not among the known ids."""
    for column, values in reference_values.items():
        raw = frame[column]
        frame[f"{column}__unresolved"] = raw.where(raw.notna() & ~raw.isin(values), None)
