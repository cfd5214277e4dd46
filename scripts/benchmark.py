#!/usr/bin/env python
"""Measures how each step's cost grows with the data: `make bench`.

For each scale factor it measures wall time and peak memory (RSS of the step's process
tree) of: generating the deliveries, the delivery gate, a full build, an incremental run
after one extra monthly delivery, and the report; plus two reference points over the
same files: the floor (F1, F3, F10 by one hand-written DuckDB script straight over the
CSV files, no dbt) and what an analyst would do without the warehouse (pandas), and the
same figures queried from the published marts. Results go to benchmarks/results.md and
benchmarks/results.json.

    .venv/bin/python scripts/benchmark.py                      # scales 1 10 100
    .venv/bin/python scripts/benchmark.py --scales 1 --work /tmp/b --out /tmp/b/results
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable

# Runs a command and writes the RSS (KiB) of the largest process it waited for:
# RUSAGE_CHILDREN of a fresh process covers exactly the processes it waited for.
_CHILD = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.run(sys.argv[2:]).returncode\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)

WAREHOUSE_QUERY = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute('''
    select q.quarter_label, f.premium_type_code, count(*)
    from marts.fact_application as f
    join marts.dim_quarter as q on q.quarter_key = f.submitted_quarter_key
    where f.counts_as_submitted group by all''').fetchall()
con.execute('''
    select premium_type_code, count(*), count(*) filter (where is_head_office_abroad)
    from marts.fact_active_premium where is_reference_date group by all''').fetchall()
con.execute('''
    select q.quarter_label, s.component_code, sum(s.amount)
    from marts.fact_settlement as s
    join marts.dim_quarter as q on q.quarter_key = s.booking_quarter_key
    group by all''').fetchall()
"""


def _machine() -> dict:
    mem_kib = 0
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal"):
                mem_kib = int(line.split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _tree_rss_kib(root: int) -> int:
    """The summed RSS (KiB) of `root` and its descendants now, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        frontier = [pid for pid in children if pid not in tree]
        tree.update(frontier)
    return sum(rss.get(pid, 0) for pid in tree)


def measure(name: str, cmd: list[str], env: dict, log) -> dict:
    """Wall time and peak RSS of a step's process tree: the larger of the tree's summed
    RSS, sampled every half second from /proc (this sees Spark's JVM, which pyspark does
    not wait for), and the largest process the step waited for (RUSAGE_CHILDREN: this
    sees a peak shorter than the sampling)."""
    rss_file = Path(env["IMW_BENCH_TMP"]) / "rss"
    started = time.perf_counter()
    proc = subprocess.Popen([PY, "-c", _CHILD, str(rss_file), *cmd], env=env, cwd=REPO,
                            stdout=log, stderr=subprocess.STDOUT)
    sampled, proc_fs = 0, Path("/proc").is_dir()
    while True:
        sampled = max(sampled, _tree_rss_kib(proc.pid) if proc_fs else 0)
        try:
            proc.wait(timeout=0.5)  # returns as the step ends: the wall time is not rounded
            break
        except subprocess.TimeoutExpired:
            pass
    seconds = time.perf_counter() - started
    waited = int(rss_file.read_text()) if rss_file.exists() else 0
    rss_mib = max(sampled, waited) / 1024 or None
    result = {"step": name, "seconds": round(seconds, 2),
              "peak_rss_mib": round(rss_mib, 1) if rss_mib else None,
              "exit_code": proc.returncode}
    print(f"    {name:<22} {seconds:8.1f} s  {rss_mib or 0:8.0f} MiB  rc={proc.returncode}",
          flush=True)
    return result


def _pipeline_split(warehouse: Path) -> dict:
    """The published build's own record of its gate and dbt seconds (audit.pipeline_build)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select gate_seconds, build_seconds from audit.pipeline_build").fetchone()
    if row is None:
        raise RuntimeError(f"{warehouse}: audit.pipeline_build is empty")
    gate, build = row
    return {"gate_seconds": round(gate, 1), "dbt_seconds": round(build, 1)}


def bench_scale(scale: int, work: Path, keep: bool, gate_all_max_scale: int = 10**9,
                full_refresh_max_scale: int = 10**9, engine: str = "duckdb") -> list[dict]:
    root = work / f"scale-{scale}" if engine == "duckdb" else work / f"scale-{scale}-{engine}"
    if root.exists():
        shutil.rmtree(root)
    extracts, held = root / "extracts", root / "held"
    root.mkdir(parents=True)
    held.mkdir()
    env = dict(os.environ)
    env.update({
        "IMW_EXTRACTS_DIR": str(extracts),
        "IMW_WAREHOUSE_PATH": str(root / "warehouse.duckdb"),
        "IMW_REPORTS_DIR": str(root / "reports"),
        # the first build holds back the newest delivery, so the deck cannot reconcile
        "IMW_RECONCILE": "0",
        "IMW_BENCH_TMP": str(root),
        "PYTHONPATH": str(REPO / "src"),
        "DBT_PROFILES_DIR": str(REPO),
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "IMW_ENGINE": engine,
        "IMW_SPARK_HOME": str(root / "spark"),
        "IMW_EXPORTS_DIR": str(root / "exports"),
    })
    pipeline = [PY, str(REPO / "scripts" / "run_pipeline.py")]
    results = []
    print(f"  scale {scale} (work folder {root})", flush=True)
    with open(root / "bench.log", "w") as log:
        def step(name, cmd, extra_env=None):
            results.append(measure(name, cmd, {**env, **(extra_env or {})}, log))
            if results[-1]["exit_code"] != 0:
                raise RuntimeError(f"step {name} failed at scale {scale}: see {root}/bench.log")
            if cmd[:2] == pipeline and "--gate-only" not in cmd and engine == "duckdb":
                results[-1].update(_pipeline_split(root / "warehouse.duckdb"))

        step("generate", [PY, str(REPO / "scripts" / "generate_deliveries.py"),
                          "--out", str(extracts), "--scale", str(scale), "--quiet"])
        newest = sorted(p for p in extracts.iterdir() if p.is_dir())[-1]
        shutil.move(newest, held / newest.name)  # the "next month" comes later
        if scale <= gate_all_max_scale and engine == "duckdb":
            step("gate (31 deliveries)", pipeline + ["--gate-only", "--all"])
        if engine == "duckdb":
            step("dbt start-up (parse)", [str(Path(PY).parent / "dbt"), "parse",
                                          "--project-dir", str(REPO), "--no-partial-parse"])
        # the full build's own gate would repeat the step above: keep only its refusals
        step("full build", pipeline + ["--full-refresh"], {"IMW_GATE_EXPECTATIONS": "0"})
        shutil.move(held / newest.name, extracts / newest.name)
        step("incremental (+1 month)", pipeline)
        if scale <= full_refresh_max_scale and engine == "duckdb":
            step("full refresh (32)", pipeline + ["--full-refresh", "--force"],
                 {"IMW_GATE_EXPECTATIONS": "0"})
        report = REPO / "scripts" / "make_report.py"
        if report.exists():
            step("report", [PY, str(report)])
        step("export", [PY, str(REPO / "scripts" / "export_bi.py")])
        if engine == "duckdb":  # the reference points read files, not an engine
            step("floor: SQL over CSV", [PY, "-c",
                 "import sys; from imw.csv_figures import figures; "
                 "figures(sys.argv[1], only=('F1', 'F3', 'F10'))", str(extracts)])
            step("pandas over CSV", [PY, "-c",
                 "import sys; from imw.pandas_figures import figures; figures(sys.argv[1])",
                 str(extracts)])
            step("warehouse query", [PY, "-c", WAREHOUSE_QUERY, str(root / "warehouse.duckdb")])
    size = sum(f.stat().st_size for f in extracts.rglob("*.csv"))
    for r in results:
        r["scale"] = scale
        r["engine"] = engine
        r["extracts_mib"] = round(size / 2**20, 1)
    if not keep:
        shutil.rmtree(root)
    return results


def ratios(results: list[dict]) -> dict:
    by = {(r["scale"], r["step"]): r["seconds"] for r in results}
    out = {}
    for scale in sorted({r["scale"] for r in results}):
        full = by.get((scale, "full refresh (32)")) or by.get((scale, "full build"))
        floor = by.get((scale, "floor: SQL over CSV"))
        startup = by.get((scale, "dbt start-up (parse)"))
        incr = by.get((scale, "incremental (+1 month)"))
        pandas = by.get((scale, "pandas over CSV"))
        query = by.get((scale, "warehouse query"))
        dbt = {(r["scale"], r["step"]): r.get("dbt_seconds") for r in results}
        full_dbt = dbt.get((scale, "full refresh (32)")) or dbt.get((scale, "full build"))
        incr_dbt = dbt.get((scale, "incremental (+1 month)"))
        out[scale] = {
            "full_build_over_floor": round(full / floor, 2) if full and floor else None,
            "full_build_minus_startup_over_floor":
                round((full - startup) / floor, 2) if full and floor and startup else None,
            "incremental_over_full": round(incr / full, 3) if incr and full else None,
            "incremental_dbt_over_full_dbt":
                round(incr_dbt / full_dbt, 3) if incr_dbt and full_dbt else None,
            "pandas_over_warehouse_query": round(pandas / query, 2) if pandas and query else None,
        }
    return out


def write(results: list[dict], out: Path, measured_at: str | None = None) -> None:
    """<out>.json and <out>.md of one engine's results (`measured_at`: when a stored run
    is written again, its own time)."""
    machine = _machine()
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"measured_at": measured_at or datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": machine, "results": results,
               "ratios": {str(k): v for k, v in ratios(results).items()}}
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    lines = [
        "# Benchmark results",
        "",
        f"Measured {summary['measured_at']} on {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB memory, Python {machine['python']} "
        f"({machine['platform']}). Produced by `make bench` (scripts/benchmark.py); "
        "wall time and peak RSS of each step's process tree (summed, sampled every 0.5 s).",
        "",
        "| scale | step | wall time (s) | of which gate (s) | of which dbt build (s) "
        "| peak RSS (MiB) | extracts (MiB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        gate = f"{r['gate_seconds']:.1f}" if r.get("gate_seconds") is not None else ""
        dbt = f"{r['dbt_seconds']:.1f}" if r.get("dbt_seconds") is not None else ""
        lines.append(f"| {r['scale']} | {r['step']} | {r['seconds']:.1f} | {gate} | {dbt} | "
                     f"{r['peak_rss_mib'] or 0:.0f} | {r['extracts_mib']:.0f} |")
    lines += ["", "## Ratios", "",
              "| scale | full build / floor | (full build − dbt start-up) / floor | "
              "incremental / full build | (dbt part) incremental / full | "
              "pandas / warehouse query |",
              "|---:|---:|---:|---:|---:|---:|"]
    for scale, r in ratios(results).items():
        cells = [r[name] for name in ("full_build_over_floor",
                                      "full_build_minus_startup_over_floor",
                                      "incremental_over_full", "incremental_dbt_over_full_dbt",
                                      "pandas_over_warehouse_query")]
        lines.append(f"| {scale} | " + " | ".join("—" if c is None else str(c) for c in cells)
                     + " |")
    lines += ["", "Steps: *gate* validates all 31 earlier deliveries (manifest, format, Great "
              "Expectations); *full build* is the pipeline with `--full-refresh` on those 31 "
              "(refusal checks only, expectations were measured in the gate step); "
              "*incremental* adds the 32nd delivery to the published warehouse (gate of the "
              "new delivery included); *full refresh (32)* rebuilds everything for "
              "comparison (above scale 10 the 31-delivery gate and this second full build "
              "are skipped to keep the run short, and the incremental ratio then uses the "
              "full build of 31); *floor* computes F1, F3 and F10 with one DuckDB "
              "script over the CSV files; *pandas* the same figures in pandas; "
              "*warehouse query* the same figures from the published marts. *of which gate / "
              "dbt build*: the pipeline's own split of its run (audit.pipeline_build); the "
              "rest is start-up, the copy of the published file and publishing.", ""]
    # the hand-written profile and analysis of a run: notes.md beside results.md,
    # <name>-notes.md beside another engine's <name>.md
    notes = out.parent / ("notes.md" if out.name == "results" else f"{out.name}-notes.md")
    if notes.exists():
        lines += ["", notes.read_text()]
    out.with_suffix(".md").write_text("\n".join(lines))
    print(f"wrote {out.with_suffix('.md')} and {out.with_suffix('.json')}")


def write_side_by_side(by_engine: dict[str, list[dict]], out: Path,
                       measured_at: str | None = None) -> None:
    """One table of the steps every engine ran, engine by engine, with Spark over DuckDB."""
    engines = list(by_engine)
    seconds = {(e, r["scale"], r["step"]): r["seconds"] for e, rs in by_engine.items() for r in rs}
    rss = {(e, r["scale"], r["step"]): r["peak_rss_mib"] for e, rs in by_engine.items()
           for r in rs}
    steps = []  # the first engine's order, then any step only another engine ran
    for e in engines:
        for r in by_engine[e]:
            if (r["scale"], r["step"]) not in steps:
                steps.append((r["scale"], r["step"]))
    shared = [k for k in steps if all((e, *k) in seconds for e in engines)]
    head = " | ".join(f"{e} (s) | {e} peak RSS (MiB)" for e in engines)
    lines = ["# Engines side by side", "",
             f"Measured {measured_at or datetime.now(UTC).isoformat(timespec='seconds')} "
             "by `make bench "
             f"BENCH_ENGINES=\"{' '.join(engines)}\"` (scripts/benchmark.py), each engine "
             "on the same generated deliveries in its own work folder, one after the other; "
             "wall time and peak RSS of each step's process tree (summed, sampled every "
             "0.5 s). Only the steps every engine ran; each engine's full table is in its "
             "own results file.", "",
             f"| scale | step | {head} | {engines[-1]} / {engines[0]} |",
             "|---:|---|" + "---:|---:|" * len(engines) + "---:|"]
    for scale, step in shared:
        cells = " | ".join(f"{seconds[(e, scale, step)]:.1f} | {rss[(e, scale, step)] or 0:.0f}"
                           for e in engines)
        first, last = seconds[(engines[0], scale, step)], seconds[(engines[-1], scale, step)]
        ratio = f"{last / first:.1f}" if first else ""
        lines.append(f"| {scale} | {step} | {cells} | {ratio} |")
    notes = out.parent / f"{out.name}-notes.md"  # the hand-written analysis of a run
    if notes.exists():
        lines += ["", notes.read_text()]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(f"wrote {out.with_suffix('.md')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "tmp")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    parser.add_argument("--gate-all-max-scale", type=int, default=10,
                        help="above this scale, skip validating all 31 deliveries at once "
                             "(the incremental step still gates the new delivery)")
    parser.add_argument("--full-refresh-max-scale", type=int, default=10,
                        help="above this scale, skip the second full build (32 deliveries)")
    parser.add_argument("--engines", nargs="+", default=["duckdb"], choices=["duckdb", "spark"],
                        help="engines to measure side by side (IMW_ENGINE), each at every "
                             "scale; results of another engine go to <out>-<engine>.md/.json")
    args = parser.parse_args(argv)
    by_engine: dict[str, list[dict]] = {}
    for engine in args.engines:
        results = by_engine.setdefault(engine, [])
        out = args.out if engine == "duckdb" else args.out.with_name(f"{args.out.name}-{engine}")
        for scale in args.scales:
            results += bench_scale(scale, args.work, args.keep, args.gate_all_max_scale,
                                   args.full_refresh_max_scale, engine)
            write(results, out)  # after each scale, so a long run leaves partial results
            if len(by_engine) > 1:
                write_side_by_side(by_engine, args.out.with_name(f"{args.out.name}-engines"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
