"""Shared fixtures: small spec-conformant deliveries written into tmp_path.

`write_delivery(root, "2024-01-31")` writes the six files with a byte-order mark, CRLF,
';' and a correct manifest; tests then break one thing. `rows=` replaces a file's rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from imw.gate import spec  # noqa: E402

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def default_rows(extract_date: str) -> dict[str, list[list[str]]]:
    """A tiny but consistent delivery: every reference resolves, every code is known."""
    d, m, y = extract_date[8:10], extract_date[5:7], extract_date[:4]
    day = f"{d}/{m}/{y}"
    return {
        "organisaties.csv": [
            [
                "ORG0000001",
                "0412.345.614",
                "",
                "Atelier Zuid; vzw",
                "88.991",
                "J",
                " 9000 ",
                "Gent",
                "be",
                f"{day} 10:00:00",
            ],
            [
                "ORG0000002",
                "",
                "NL123",
                "Buurman BV",
                "",
                "N",
                "1011 AB",
                "Amsterdam",
                "NL",
                f"{day} 11:00:00",
            ],
        ],
        "dienstverleners.csv": [
            ["DV0001", 'Coach "Plus"', "0200.065.765", "ERKEND", "01/07/2023", "", "2000"],
        ],
        "aanvragen.csv": [
            [
                "AV2023-0000001",
                "ORG0000001",
                "85.07.30-033.28",
                "Loonpremie",
                "OVERNAME",
                "VOP",
                "01/07/2023",
                "GOEDGEKEURD",
                "01/07/2023",
                "01/07/2023",
                "",
                "",
                "40,0",
                "01/07/2023 09:00:00",
            ],
            [
                "AV2024-0000002",
                "ORG0000002",
                "85073003328",
                "LPBP",
                "NIEUW",
                "",
                "02/01/2024",
                "ONTVANGEN",
                "",
                "",
                "",
                "",
                "",
                f"{day} 08:00:00",
            ],
        ],
        "begeleidingen.csv": [
            ["BG0000001", "AV2023-0000001", "EXTERN", "DV0001", "01/08/2023", ""],
        ],
        "afrekeningen.csv": [
            [
                "AF" + y + m + "001",
                "AV2023-0000001",
                "LOONPREMIE",
                "01/07/2023",
                "30/09/2023",
                "1.234,56",
                day,
                "",
            ],
            [
                "AF" + y + m + "002",
                "AV2023-0000001",
                "LOONPREMIE",
                "01/07/2023",
                "30/09/2023",
                "-34,56",
                day,
                "AF" + y + m + "001",
            ],
        ],
        "mails.csv": [
            ["ML" + y + m + "01", "FUNCTIONEEL", f"{day} 09:00:00", f"{day} 15:30:00"],
            ["ML" + y + m + "02", "PERSOONLIJK", f"{day} 09:05:00", ""],
        ],
    }


def encode_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quotechar='"', lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return spec.BOM + buffer.getvalue().encode("utf-8")


def write_manifest(folder: Path) -> None:
    """(Re)write a correct manifest for the files in folder."""
    files = {}
    for file in spec.FILES:
        path = folder / file
        if not path.exists():
            continue
        data = path.read_bytes()
        text = data.decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
        entry = {"rows": len(rows), "sha256": hashlib.sha256(data).hexdigest()}
        if file == "afrekeningen.csv":
            total = 0
            for row in rows:
                if len(row) != len(spec.COLUMNS[file]):
                    continue  # no bedrag that can be told: the gate leaves the row out
                try:
                    total += spec.parse_amount(row[5])
                except ValueError:
                    pass  # the gate leaves unparseable amounts out too
            entry["control_total"] = spec.format_amount(total)
        files[file] = entry
    manifest = {"extract_date": folder.name, "files": files}
    (folder / spec.MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def write_delivery(
    root: Path,
    extract_date: str,
    rows: dict[str, list[list[str]]] | None = None,
    manifest: bool = True,
) -> Path:
    folder = root / extract_date
    folder.mkdir(parents=True, exist_ok=True)
    content = default_rows(extract_date)
    content.update(rows or {})
    for file, header in spec.COLUMNS.items():
        (folder / file).write_bytes(encode_csv(header, content[file]))
    if manifest:
        write_manifest(folder)
    return folder


@pytest.fixture
def extracts(tmp_path: Path) -> Path:
    """An extracts folder with one valid delivery, 2024-01-31."""
    root = tmp_path / "extracts"
    write_delivery(root, "2024-01-31")
    return root


def fake_build(build_path: Path, extracts_dir: Path, full_refresh: bool) -> None:
    """Stand-in for `dbt build` (IMW_BUILD_STEP=conftest:fake_build) for the publish tests.

    Writes one table listing the complete deliveries. FAKE_BUILD_MARKER: file touched once
    the build file is open; FAKE_BUILD_SECONDS: sleep while holding it (to kill or race);
    FAKE_BUILD_FAIL=1: raise like a failing dbt test.
    """
    import time

    import duckdb

    from imw.pipeline import BuildFailed

    con = duckdb.connect(str(build_path))
    try:
        con.execute("create schema if not exists marts")
        deliveries = sorted(p.parent.name for p in Path(extracts_dir).glob("*/_manifest.json"))
        con.execute(
            "create or replace table marts.deliveries (delivery varchar, full_refresh bool)"
        )
        con.executemany(
            "insert into marts.deliveries values (?, ?)", [(d, full_refresh) for d in deliveries]
        )
        con.execute("create or replace table marts.filler as select range as n from range(200000)")
        marker = os.environ.get("FAKE_BUILD_MARKER")
        if marker:
            Path(marker).write_text("building")
        time.sleep(float(os.environ.get("FAKE_BUILD_SECONDS", "0")))
        if os.environ.get("FAKE_BUILD_FAIL") == "1":
            raise BuildFailed("fake test failure")
    finally:
        con.close()


def pipeline_env(tmp_path: Path, extracts_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for running scripts/run_pipeline.py as a subprocess on tmp files."""
    env = dict(os.environ)
    env.update(
        {
            "IMW_EXTRACTS_DIR": str(extracts_dir),
            "IMW_WAREHOUSE_PATH": str(tmp_path / "wh" / "warehouse.duckdb"),
            "IMW_REPORTS_DIR": str(tmp_path / "reports"),
            "IMW_BUILD_STEP": "conftest:fake_build",
            "PYTHONPATH": f"{SRC}{os.pathsep}{Path(__file__).parent}",
            "DO_NOT_TRACK": "1",
            "GX_ANALYTICS_ENABLED": "false",
            "IMW_RECONCILE": "0",
            "IMW_GATE_EXPECTATIONS": "0",  # structural checks only: no 4 s GX import
            # the fake build ignores the dbt project; an empty one keeps the code
            # fingerprint stable while colleagues edit models
            "IMW_PROJECT_DIR": str(tmp_path / "project"),
        }
    )
    env.update(extra)
    return env


def run_pipeline(env: dict[str, str], *args: str, timeout: float = 120):
    import subprocess

    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "run_pipeline.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# `make test` runs pytest on two workers (pytest-xdist, --dist loadgroup). A module is
# one group, so its module-scoped fixtures (the Spark lane's build, say) run once. The
# modules that read the sample warehouse (test_report_support's cached build) form one
# group, built once; the modules that run commands in the repository's own folder form
# another, so two of them never write its target/ at once (pytest_xdist_make_scheduler
# below makes the groups xdist's units). xdist hands a worker the next group whenever
# two tests or fewer of its own are left, in this order (make test passes
# --no-loadscope-reorder, or xdist would order them by their number of tests): the two
# longest (the Spark lane, about 12 minutes; the repo group, about 8) go to different
# workers, and the rest to whichever is free first. Measured on a clean clone with 2
# cores: pytest 15 min 08 s.
SAMPLE_MODULES = {
    "test_analyses",
    "test_export",
    "test_report",
    "test_report_browser",
    "test_report_docs",
    "test_semantic",
}
REPO_MODULES = {
    "test_benchmark_smoke",
    "test_generator",
    "test_orchestration",
    "test_privacy",
    "test_scheduler_command",
}
LONGEST_FIRST = [
    "test_spark_lane",
    "repo",
    "test_figure_book_editions",
    "test_warehouse_incremental",
    "sample",
]


def group_of(nodeid: str) -> str:
    """The group of a test, from its node id (`tests/python/test_x.py::test_y[...]`)."""
    module = Path(nodeid.split("::", 1)[0]).stem
    if module in SAMPLE_MODULES:
        return "sample"
    if module in REPO_MODULES:
        return "repo"
    return module


@pytest.hookimpl(optionalhook=True)  # pytest without xdist (-p no:xdist) still runs
def pytest_xdist_make_scheduler(config, log):
    """xdist's loadscope scheduling with this file's groups as the scopes. Not xdist's
    own loadgroup: it puts the group into each node id (`...::test_x@group`) by setting
    `item._nodeid`, which pytest 9 no longer reads, so every test became its own unit and
    module fixtures (the Spark lane's build) were built on both workers."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return ModuleGroupScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """The items in group order, longest first (the scheduler's queue follows it)."""

    def rank(item):
        group = group_of(item.nodeid)
        return LONGEST_FIRST.index(group) if group in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the collection order within a group and among the rest
