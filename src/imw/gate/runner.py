"""Validate the deliveries of an extracts folder: structure first, then the GX suites."""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from imw.gate import spec
from imw.gate.findings import REFUSE, WARN, DeliveryRefused, Finding
from imw.gate.report import Failure, FileSummary, write_index, write_reports
from imw.gate.structure import DeliveryCheck, check_delivery, list_deliveries, manifest_sha256

log = logging.getLogger("imw.gate")

# The great_expectations module, its context, the pandas data source and the batch
# definitions per file: imported once, lazily (GX has no type information that helps here).
_GX: tuple[Any, Any, Any, dict[str, Any]] | None = None


def _gx() -> tuple[Any, Any, Any, dict[str, Any]]:
    """Import Great Expectations (≈ 3–5 s) on first use only; offline, no analytics."""
    global _GX
    if _GX is None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("DO_NOT_TRACK", "1")
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        config = DataContextConfig(
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            analytics_enabled=False,
        )
        context = gx.get_context(mode="ephemeral", project_config=config)
        source = context.data_sources.add_pandas("imw_delivery")
        _GX = (gx, context, source, {})
    return _GX


def _batch(file: str, frame: pd.DataFrame) -> Any:
    """The GX batch of one file's prepared frame (one batch definition per file name)."""
    gx, _context, source, batch_definitions = _gx()
    if file not in batch_definitions:
        asset = source.add_dataframe_asset(file.removesuffix(".csv"))
        batch_definitions[file] = asset.add_batch_definition_whole_dataframe("whole_file")
    return batch_definitions[file].get_batch(batch_parameters={"dataframe": frame})


@dataclass
class GateResult:
    complete: dict[str, str] = field(default_factory=dict)  # delivery -> manifest sha256
    incomplete: list[str] = field(default_factory=list)
    validated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, list[FileSummary]] = field(default_factory=dict)
    reports: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def refusals(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == REFUSE]

    @property
    def refused(self) -> bool:
        return bool(self.refusals)

    def raise_if_refused(self) -> None:
        if self.refused:
            raise DeliveryRefused(self.refusals)


def scan(extracts_dir: Path) -> GateResult:
    """Which deliveries are complete (with their manifest hash) and which are not."""
    result = GateResult()
    complete, incomplete = list_deliveries(extracts_dir)
    for folder in incomplete:
        result.incomplete.append(folder.name)
        log.warning(
            "delivery %s: no %s, ignored (still being written?)", folder.name, spec.MANIFEST
        )
    for folder in complete:
        result.complete[folder.name] = manifest_sha256(folder)
    return result


def run_gate(
    extracts_dir: Path,
    reports_dir: Path | None,
    known: dict[str, str] | None = None,
    validate_all: bool = False,
    run_expectations: bool = True,
) -> GateResult:
    """Validate every complete delivery that is not in `known` (delivery -> manifest sha256).

    known = the deliveries of the last published build. validate_all revalidates them too.
    Reports go to <reports_dir>/validation/<delivery>.md/.html (reports_dir None: none).
    """
    started = time.monotonic()
    extracts_dir = Path(extracts_dir)
    result = scan(extracts_dir)
    known = known or {}
    todo = [name for name, sha in result.complete.items() if validate_all or known.get(name) != sha]
    result.skipped = [name for name in result.complete if name not in todo]
    if result.skipped:
        log.info(
            "%d deliveries validated before (unchanged manifest): skipped", len(result.skipped)
        )
    history = _history_hits(extracts_dir, list(result.complete), todo) if run_expectations else {}
    jobs = [
        _Job(extracts_dir, name, list(result.complete), run_expectations, history.get(name))
        for name in todo
    ]
    for name, (check, summaries) in zip(todo, _run(jobs), strict=True):
        if check.manifest_sha256:
            result.complete[name] = check.manifest_sha256
        for finding in check.findings:
            (log.error if finding.severity == REFUSE else log.warning)("%s", finding)
        for summary in summaries:
            log.info("%s", summary.line(name))
            for failure in summary.failures:
                log.warning("%s/%s: %s", name, summary.file, failure.describe())
        if reports_dir is not None:
            out = Path(reports_dir) / "validation"
            md, _html = write_reports(out, name, summaries, check.findings)
            result.reports.append(md)
        result.validated.append(name)
        result.findings.extend(check.findings)
        result.summaries[name] = summaries
    if reports_dir is not None and result.validated:
        write_index(Path(reports_dir) / "validation")
    result.seconds = time.monotonic() - started
    return result


def _workers(jobs: int) -> int:
    """IMW_GATE_WORKERS, default: one process per core, at most 2 (the target machine)."""
    configured = os.environ.get("IMW_GATE_WORKERS", "")
    wanted = int(configured) if configured.isdigit() else min(2, os.cpu_count() or 1)
    return max(1, min(wanted, jobs))


def _run(jobs: list[_Job]) -> Iterator[tuple[DeliveryCheck, list[FileSummary]]]:
    """Validate each delivery, in worker processes when there are several with
    expectations to run (GX is CPU-bound Python); results come back in job order.

    The workers are spawned (not forked: the caller may hold DuckDB connections and their
    threads), so a script that calls run_gate needs the usual `if __name__ == "__main__":`
    guard; without one the pool breaks and the gate goes on in this process.
    """
    workers = _workers(len(jobs)) if any(job.run_expectations for job in jobs) else 1
    done = 0
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        try:
            # the workers use every core between them: one DuckDB thread each
            futures = [pool.submit(_validate, job, 1) for job in jobs]
            for future in futures:
                yield future.result()
                done += 1
        except BrokenProcessPool as exc:
            log.warning("gate workers failed (%s): validating in this process", exc)
        finally:  # also when the caller stops early: do not run the deliveries still queued
            pool.shutdown(wait=True, cancel_futures=True)
    for job in jobs[done:]:
        yield _validate(job, None)


class _Job(NamedTuple):
    """One delivery for the gate to validate."""

    extracts_dir: Path
    name: str
    deliveries: list[str]  # every complete delivery (for the history of corrections)
    run_expectations: bool
    # The ids of earlier bookings this delivery's corrections refer to, as found by
    # _history_hits; None when that could not tell (then read from the earlier files).
    history: frozenset[str] | None


def _validate(job: _Job, duckdb_threads: int | None) -> tuple[DeliveryCheck, list[FileSummary]]:
    """Structure, then (run_expectations) the suites of one delivery; frames not returned.

    duckdb_threads: DuckDB threads of the structure checks (None: all cores).
    """
    check = check_delivery(
        job.extracts_dir / job.name,
        keep_frames=job.run_expectations,
        duckdb_threads=duckdb_threads,
    )
    summaries: list[FileSummary] = []
    if job.run_expectations:
        history = job.history
        if history is None:
            history = frozenset(_History(job.extracts_dir, job.deliveries).before(job.name))
        summaries = _expect(check, history)
    for parsed in check.files.values():
        parsed.frame = None
    return check, summaries


def _history_hits(
    extracts_dir: Path, deliveries: list[str], todo: list[str]
) -> dict[str, frozenset[str]]:
    """Per delivery in todo: its `corrigeert` values that are an afrekening_id of an earlier
    delivery, by one DuckDB query over every afrekeningen.csv.

    For resolving corrections this equals the union of all earlier ids (what _History reads),
    at a fraction of the memory. A delivery is left out (its worker reads the history the
    slow way) unless every file is read by DuckDB exactly as by Python's csv module: DuckDB
    raises on a malformed file, and a quote next to a space at a field edge (read differently
    by the two) sends everything to the slow way.
    """
    import duckdb

    from imw.gate.structure import duckdb_connection, has_space_quote

    files = {}
    for name in sorted(deliveries):
        path = extracts_dir / name / "afrekeningen.csv"
        if path.is_file():
            files[str(path)] = name
    wanted = set(todo)
    if not files or not wanted & set(files.values()):
        return {}
    try:
        if any(has_space_quote(Path(path)) for path in files):
            return {}
        con = duckdb_connection(None)
        columns = ", ".join(f"'{c}': 'VARCHAR'" for c in spec.COLUMNS["afrekeningen.csv"])
        con.execute("create or replace temp table gate_history_files (path varchar, name varchar)")
        con.executemany("insert into gate_history_files values (?, ?)", list(files.items()))
        rows = con.execute(
            f"""
            with afr as (
                select f.name, r.afrekening_id as id, r.corrigeert as corr
                from read_csv($paths, columns = {{{columns}}}, header = true,
                    auto_detect = false, delim = ';', quote = '"', escape = '"',
                    strict_mode = true, filename = true) r
                join gate_history_files f on f.path = r.filename
            )
            select c.name, list(distinct c.corr)
            from afr c join afr i on i.id = c.corr and i.name < c.name
            group by c.name
            """,
            {"paths": list(files)},
        ).fetchall()
        con.execute("drop table gate_history_files")
    except (duckdb.Error, OSError) as exc:
        log.debug("history of corrections: read per file (%s)", exc)
        return {}
    hits: dict[str, frozenset[str]] = {
        name: frozenset() for name in wanted if name in files.values()
    }
    hits.update({name: frozenset(ids) for name, ids in rows if name in wanted})
    return hits


class _History:
    """afrekening_ids of earlier deliveries, for corrections of older bookings."""

    def __init__(self, extracts_dir: Path, deliveries: list[str]):
        self.extracts_dir = extracts_dir
        self.deliveries = sorted(deliveries)
        self.ids: dict[str, set[str]] = {}

    def before(self, delivery: str) -> set[str]:
        ids: set[str] = set()
        for name in self.deliveries:
            if name >= delivery:
                break
            if name not in self.ids:
                self.ids[name] = _read_first_column(self.extracts_dir / name / "afrekeningen.csv")
            ids |= self.ids[name]
        return ids


def _read_first_column(path: Path) -> set[str]:
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return set()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=spec.DELIMITER)
    next(reader, None)
    try:
        return {row[0] for row in reader if row}
    except csv.Error:
        return set()


def _expect(check: DeliveryCheck, history: frozenset[str] | set[str]) -> list[FileSummary]:
    """Run the suite of every readable file; history = ids of earlier bookings."""
    from imw.gate.suites import add_references, build_suite, prepare_frame

    manifest_rows = _manifest_rows(check)
    usable = {
        file: parsed for file, parsed in check.files.items() if parsed.header == spec.COLUMNS[file]
    }
    key_values: dict[str, set[str]] = {}
    for file, parsed in usable.items():
        assert parsed.frame is not None  # check_delivery(keep_frames=True)
        key_values[file] = set(parsed.frame.iloc[:, 0].dropna())

    summaries = []
    for file in spec.FILES:
        found = check.files.get(file)
        if found is None:
            summaries.append(FileSummary(file, None, skipped_reason="file not readable"))
            continue
        if file not in usable:
            summaries.append(FileSummary(file, found.row_count, skipped_reason="header differs"))
            continue
        refs: dict[str, set[str]] = {}
        for column, target_file, _target_column in spec.REFERENCES.get(file, []):
            if target_file == file:  # corrections: this delivery or history
                refs[column] = key_values[file] | history
            elif target_file in key_values:
                refs[column] = key_values[target_file]
        gx = _gx()[0]
        suite = build_suite(gx, file, check.extract_date, manifest_rows.get(file), refs)
        frame = prepare_frame(found)
        add_references(frame, refs)
        batch = _batch(file, frame)
        results = _validate_suite(gx, batch, suite)
        summary = FileSummary(file, found.row_count, evaluated=len(results))
        for res in results:
            if res.success:
                continue
            failure = _failure(res)
            summary.failures.append(failure)
            if failure.severity == REFUSE and not any(
                f.file == file and f.severity == REFUSE for f in check.findings
            ):
                check.findings.append(
                    Finding(REFUSE, check.delivery, file, f"GX {failure.describe()}")
                )
        summaries.append(summary)
    return summaries


def _failure(res: Any) -> Failure:
    """A failed expectation's result (GX) as the report's Failure: the rule and severity
    from the expectation's meta, the source column of a derived check column, counts,
    examples and lines."""
    config = res.expectation_config
    meta = config.meta or {}
    severity = meta.get("severity", WARN)
    detail = res.result or {}
    column = config.kwargs.get("column")
    if column:
        column = column.split("__")[0]  # derived check column -> its source column
    if column is None and config.kwargs.get("column_list"):
        column = ", ".join(config.kwargs["column_list"])
    raised = (res.exception_info or {}).get("raised_exception")
    rule = meta.get("rule", config.type)
    if raised:
        rule += f" (expectation error: {res.exception_info.get('exception_message')})"
    return Failure(
        rule=rule,
        severity=severity,
        expectation=config.type,
        column=column,
        unexpected=detail.get("unexpected_count"),
        percent=detail.get("unexpected_percent"),
        examples=[_show(v) for v in detail.get("partial_unexpected_list", [])],
        lines=[
            int(i)
            for i in detail.get("partial_unexpected_index_list", [])
            if isinstance(i, int | float)
        ],
    )


_DETAIL = {"result_format": "SUMMARY", "partial_unexpected_count": 10}


def _validate_suite(gx: Any, batch: Any, suite: Any) -> list[Any]:
    """The result of every expectation of suite on batch, each failed one in detail.

    A first pass asks GX for success or failure only (BOOLEAN_ONLY: about half the time of
    SUMMARY, which also collects unexpected values, their counts and index lists); only the
    failed expectations are validated again with SUMMARY for the report's counts, examples
    and lines. Same expectations, same outcome, same details as a single SUMMARY pass.
    """
    quick = batch.validate(suite, result_format="BOOLEAN_ONLY").results
    failed = [res for res in quick if not res.success]
    if not failed:
        return list(quick)
    again = gx.ExpectationSuite(
        name=f"{suite.name}_failed",
        expectations=[res.expectation_config.to_domain_obj() for res in failed],
    )
    detail = {_key(res): res for res in batch.validate(again, result_format=_DETAIL).results}
    if len(detail) != len(failed):
        raise RuntimeError(f"{suite.name}: second GX pass returned other expectations")
    return [res if res.success else detail[_key(res)] for res in quick]


def _key(result: Any) -> tuple[str, str]:
    import json

    config = result.expectation_config
    return config.type, json.dumps(config.kwargs, sort_keys=True, default=str)


# 11 digits written like an INSZ: a row with the wrong number of fields may carry the
# national register number in another column, whose examples the report shows
_INSZ_LIKE = re.compile(r"[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}[ .-]?[0-9]{3}[ .]?[0-9]{2}")


def _show(value: object) -> str:
    """An example value for the log and the report: INSZ-like digits masked, cut at 40."""
    text = _INSZ_LIKE.sub("<INSZ?>", "" if value is None else str(value))
    return text if len(text) <= 40 else text[:37] + "..."


def _manifest_rows(check: DeliveryCheck) -> dict[str, int]:
    import json

    try:
        manifest = json.loads((check.path / spec.MANIFEST).read_text(encoding="utf-8-sig"))
        return {
            f: int(e["rows"])
            for f, e in manifest["files"].items()
            if isinstance(e, dict) and str(e.get("rows", "")).isdigit()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}
