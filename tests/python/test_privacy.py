"""Privacy by construction (warehouse-interface.md, "Published database"), tried as a
read-only BI user and as an operator would: the real pipeline on the hand-made edge-case
deliveries, with random marker keys.

1. The first delivery is published with key A (Great Expectations reports included).
2. The second delivery arrives and the key changes to B: the run rebuilds from nothing.
   Its dbt artifacts (compiled SQL, manifest, run results, partial-parse file, log) are
   copied aside by a wrapper of the dbt step before the pipeline cleans them up.
3. The figure book report (make report) and the Parquet export (make export) are made
   from the published file.

Then: the published file holds only the interface (no view, no macro, no delivery path)
and answers every analysis from a copy elsewhere with the deliveries gone; neither key
is found in any file the build and these tests wrote, nor in any value, view or macro of
the published file; no INSZ and nothing that names a self-employed person (name,
enterprise number) is published; the pseudonyms are all of key B; the build store is
private; and a bare incremental `dbt build` with a third key is refused.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, pipeline_env, run_pipeline
from imw import interface

EDGE = REPO / "tests" / "fixtures" / "deliveries_edge"
DBT = str(Path(sys.executable).parent / "dbt")
KEPT_ARTIFACTS = "IMW_TEST_KEEP_DBT_ARTIFACTS"

pytestmark = pytest.mark.slow


def dbt_build_keeping_artifacts(build_path: Path, extracts: Path, full_refresh: bool) -> None:
    """The pipeline's dbt step, then a copy of the run folder's dbt target and logs."""
    from imw.pipeline import dbt_build

    try:
        dbt_build(build_path, extracts, full_refresh)
    finally:
        keep = Path(os.environ[KEPT_ARTIFACTS])
        for name in ("dbt-target", "dbt-logs"):
            if (build_path.parent / name).exists():
                shutil.copytree(build_path.parent / name, keep / name, dirs_exist_ok=True)


def marker_key() -> str:
    return "imw-marker-" + secrets.token_hex(12)


def pseudonym(key: str, insz_digits: str) -> str:
    """HMAC-SHA256 as RFC 2104 defines it, computed here independently of imw.pseudonym."""
    return hmac.new(key.encode(), insz_digits.encode(), hashlib.sha256).hexdigest()


def delivered_rows(extracts: Path, file: str, up_to: str = "9999-12-31") -> list[dict[str, str]]:
    """The rows of a file in every complete delivery up to a date."""
    out = []
    for path in sorted(extracts.glob(f"*/{file}")):
        if path.parent.name > up_to or not (path.parent / "_manifest.json").exists():
            continue
        text = path.read_bytes().decode("utf-8-sig")
        out += list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("privacy")
    extracts = root / "extracts"
    shutil.copytree(EDGE, extracts)
    complete = sorted(p.parent.name for p in extracts.glob("*/_manifest.json"))
    hold = root / "hold"
    hold.mkdir()
    (extracts / complete[-1]).rename(hold / complete[-1])
    keys = {"a": marker_key(), "b": marker_key()}
    env = pipeline_env(
        root,
        extracts,
        IMW_PROJECT_DIR=str(REPO),
        DBT_PROFILES_DIR=str(REPO),
        IMW_GATE_EXPECTATIONS="1",
        IMW_PSEUDONYM_KEY=keys["a"],
        IMW_BUILD_STEP="test_privacy:dbt_build_keeping_artifacts",
        **{KEPT_ARTIFACTS: str(root / "kept-a")},
    )
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    first = run_pipeline(env, timeout=400)
    assert first.returncode == 0, first.stdout[-5000:] + first.stderr[-3000:]
    published_a = root / "published-a.duckdb"
    shutil.copyfile(warehouse, published_a)

    (hold / complete[-1]).rename(extracts / complete[-1])
    env_b = dict(env, IMW_PSEUDONYM_KEY=keys["b"], **{KEPT_ARTIFACTS: str(root / "kept-b")})
    second = run_pipeline(env_b, timeout=400)
    assert second.returncode == 0, second.stdout[-5000:] + second.stderr[-3000:]
    # what the readers' commands write from it: the report (make report), the export
    for script, out in (("make_report.py", "reports"), ("export_bi.py", "exports")):
        made = subprocess.run(
            [sys.executable, str(REPO / "scripts" / script), "--warehouse", str(warehouse),
             "--out", str(root / out)],
            env=env_b, capture_output=True, text=True, timeout=300,
        )
        assert made.returncode == 0, made.stdout + made.stderr
    return {
        "root": root,
        "extracts": extracts,
        "env": env_b,
        "keys": keys,
        "warehouse": warehouse,
        "published_a": published_a,
        "store": warehouse.parent / f"{warehouse.stem}.private",
        "logs": first.stdout + first.stderr + second.stdout + second.stderr,
        "second": second.stdout,
    }


def text_columns(con) -> list[tuple[str, str, str]]:
    return con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() "
        "where database_name = current_database() and data_type = 'VARCHAR' "
        "order by 1, 2, 3"
    ).fetchall()


def published_texts_containing(db: Path, needles: set[str]) -> list[str]:
    """Every (table.column: value) of the published file whose text contains a needle."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("create temp table needles (needle varchar)")
        con.executemany("insert into needles values (?)", [(n,) for n in sorted(needles)])
        found = []
        for schema, table, column in text_columns(con):
            hits = con.execute(
                f'select distinct t."{column}" from "{schema}"."{table}" as t '
                f'join needles on contains(t."{column}", needles.needle)'
            ).fetchall()
            found += [f"{schema}.{table}.{column}: {value}" for (value,) in hits]
        return found
    finally:
        con.close()


def test_published_file_holds_only_the_interface(runs):
    found = interface.contents(runs["warehouse"])
    assert interface.problems(found) == []
    assert {s for (s,) in found["schemas"]} <= set(interface.SCHEMAS)
    assert found["views"] == [] and found["macros"] == []
    assert {"marts", "reporting", "audit", "reference"} <= {s for (s,) in found["schemas"]}
    con = duckdb.connect(str(runs["warehouse"]), read_only=True)
    try:
        definitions = con.execute(
            "select sql from duckdb_tables() union all select sql from duckdb_views()"
        ).fetchall()
        columns = {
            row[0]
            for row in con.execute(
                "select column_name from duckdb_columns() where table_name = 'quarantined_rows'"
            ).fetchall()
        }
    finally:
        con.close()
    extracts = str(runs["extracts"])
    assert not [sql for (sql,) in definitions if extracts in sql or "read_csv" in sql]
    assert "raw_record" not in columns  # the raw text stays in the build store


def test_published_copy_elsewhere_answers_every_analysis(runs, tmp_path):
    """Copied to another folder, with the deliveries moved away, the file is all a BI
    server needs: every analyses/ query runs on it."""
    bi_server = tmp_path / "bi-server"
    bi_server.mkdir()
    copy = bi_server / "warehouse.duckdb"
    shutil.copyfile(runs["warehouse"], copy)
    moved = tmp_path / "extracts-moved-away"
    runs["extracts"].rename(moved)
    try:
        dummy = tmp_path / "compile" / "warehouse.duckdb"
        dummy.parent.mkdir()
        target = tmp_path / "target"
        env = dict(
            os.environ,
            IMW_BUILD_PATH=str(dummy),
            IMW_EXTRACTS_DIR=str(moved),
            DBT_PROFILES_DIR=str(REPO),
            DO_NOT_TRACK="1",
        )
        compiled = subprocess.run(
            [DBT, "compile", "--select", "path:analyses", "--target-path", str(target),
             "--log-path", str(tmp_path / "logs"), "--project-dir", str(REPO)],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
        )
        assert compiled.returncode == 0, compiled.stdout[-3000:]
        queries = sorted((target / "compiled" / "imw" / "analyses").glob("*.sql"))
        assert len(queries) == len(list((REPO / "analyses").glob("*.sql"))) >= 12
        # the edition examples read fixed dates of the sample (30/09/2025, 28/02/2026),
        # which are no editions of the edge deliveries: they must run, rows or not
        dated_examples = {"f01_submitted_applications_as_of", "f10_expenditure_changes"}
        con = duckdb.connect(str(copy), read_only=True)
        try:
            for query in queries:
                rows = con.execute(query.read_text()).fetchall()
                assert rows or query.stem in dated_examples, query.name
        finally:
            con.close()
    finally:
        moved.rename(runs["extracts"])


def scanned_files(runs) -> list[Path]:
    roots = [runs["root"], REPO / "target", REPO / "logs"]
    files = [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]
    return [p for p in files if not p.is_relative_to(runs["extracts"])]


def test_no_key_in_any_file_written(runs):
    files = scanned_files(runs)
    kept = runs["root"] / "kept-b"
    # what the scan covers: the published files, the build store, the reports and the
    # dbt artifacts of both runs (manifest, run results, partial parse, compiled SQL, log)
    for must in (
        runs["warehouse"],
        runs["published_a"],
        runs["store"] / "private.duckdb",
        kept / "dbt-target" / "manifest.json",
        kept / "dbt-target" / "run_results.json",
        kept / "dbt-target" / "partial_parse.msgpack",
        kept / "dbt-logs" / "dbt.log",
    ):
        assert must in files, must
    assert any(p.suffix == ".html" and "validation" in p.parts for p in files)
    assert runs["root"] / "reports" / "figure_book.html" in files
    assert any(p.suffix == ".parquet" and "exports" in p.parts for p in files)
    assert any(p.suffix == ".sql" and "compiled" in p.parts for p in files)
    for key in runs["keys"].values():
        needle = key.encode()
        leaks = [str(p) for p in files if needle in p.read_bytes()]
        assert leaks == []
        assert key not in runs["logs"]


def test_no_key_in_published_values_views_or_macros(runs):
    for db in (runs["warehouse"], runs["published_a"]):
        assert published_texts_containing(db, set(runs["keys"].values())) == []
        con = duckdb.connect(str(db), read_only=True)
        try:
            definitions = con.execute(
                "select coalesce(sql, '') from duckdb_views() "
                "union all select coalesce(macro_definition, '') from duckdb_functions() "
                "union all select coalesce(sql, '') from duckdb_tables()"
            ).fetchall()
        finally:
            con.close()
        for key in runs["keys"].values():
            assert not [d for (d,) in definitions if key in d]


def personal_needles(extracts: Path, up_to: str) -> set[str]:
    """Every INSZ (as written and as digits) and everything that names a self-employed
    person (an organisation that applied for an ondersteuningspremie: its name and its
    enterprise numbers, as written and as digits) in the deliveries up to a date."""
    applications = delivered_rows(extracts, "aanvragen.csv", up_to)
    organisations = delivered_rows(extracts, "organisaties.csv", up_to)
    insz = {row["insz"].strip() for row in applications if row["insz"].strip()}
    insz |= {re.sub(r"\D", "", value) for value in insz}
    persons = {
        row["organisatie_id"].strip()
        for row in applications
        if row["premietype"].strip().upper() in ("OP", "ONDERSTEUNINGSPREMIE")
    }
    assert persons, "the edge deliveries hold a self-employed person"
    naming = set()
    for row in organisations:
        if row["organisatie_id"].strip() in persons:
            naming.add(row["naam"].strip())
            kbo = re.sub(r"\D", "", row["kbo_nummer"])
            if kbo:
                naming |= {kbo, row["kbo_nummer"].strip()}
    assert naming and insz and all(len(n) >= 6 for n in naming | insz)
    return insz | naming


def test_no_insz_and_nothing_naming_a_self_employed_person_is_published(runs):
    complete = sorted(p.parent.name for p in runs["extracts"].glob("*/_manifest.json"))
    for db, up_to in ((runs["published_a"], complete[0]), (runs["warehouse"], complete[-1])):
        assert published_texts_containing(db, personal_needles(runs["extracts"], up_to)) == []


def test_a_changed_key_rebuilds_every_pseudonym(runs):
    assert "full refresh (the pseudonym key (IMW_PSEUDONYM_KEY) differs" in runs["second"]
    digits = {
        re.sub(r"\D", "", row["insz"])
        for row in delivered_rows(runs["extracts"], "aanvragen.csv")
        if row["insz"].strip()
    }
    keys = runs["keys"]
    for db, key, other in (
        (runs["published_a"], keys["a"], keys["b"]),
        (runs["warehouse"], keys["b"], keys["a"]),
    ):
        con = duckdb.connect(str(db), read_only=True)
        try:
            published = {
                value
                for (value,) in con.execute(
                    "select distinct worker_pseudonym from marts.fact_application "
                    "where worker_pseudonym is not null"
                ).fetchall()
            }
        finally:
            con.close()
        assert published
        assert published <= {pseudonym(key, d) for d in digits}
        assert not published & {pseudonym(other, d) for d in digits}


def test_build_store_is_private_and_cleaned_after_a_publish(runs):
    store = runs["store"]
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    for path in store.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert (store / "private.duckdb").exists() and (store / "private.duckdb.previous").exists()
    assert not (store / "run").exists()  # dbt target and logs are gone after a publish


def test_bare_incremental_dbt_build_with_another_key_is_refused(runs, tmp_path):
    database = tmp_path / "private-copy.duckdb"
    shutil.copyfile(runs["store"] / "private.duckdb", database)
    env = dict(
        os.environ,
        IMW_BUILD_PATH=str(database),
        IMW_EXTRACTS_DIR=str(runs["extracts"]),
        IMW_RECONCILE="0",
        IMW_PSEUDONYM_KEY=marker_key(),
        DBT_PROFILES_DIR=str(REPO),
        DO_NOT_TRACK="1",
    )
    result = subprocess.run(
        [DBT, "build", "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path / "logs"), "--project-dir", str(REPO)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "differs from the key this database was built with" in result.stdout
    assert "--full-refresh" in result.stdout
