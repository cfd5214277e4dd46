"""The IMW warehouse pipeline: gate, build, test, publish — one command for the scheduler.

    .venv/bin/imw-pipeline [--all] [--full-refresh] [--force]
    .venv/bin/imw-pipeline --rollback

(`.venv/bin/imw-pipeline` is the console script of this function; `make build` and
`scripts/run_pipeline.py` call the same. `make run` calls it after generating the sample
deliveries if there are none.)

What a run does, under an exclusive lock (`<warehouse>.lock`):

1. Makes the private build store private (folder 0700, files 0600; default
   `<warehouse dir>/<warehouse stem>.private/`, env `IMW_BUILD_STORE`) and removes what an
   interrupted run left (a partial build, a half-written published file).
2. Compares the complete deliveries (folders with `_manifest.json`; others are ignored
   with a warning), the project code (models, macros, seeds, tests, dbt_project.yml),
   `IMW_RECONCILE` and a keyed fingerprint of the pseudonym key with what the last build
   was made of (its state in the build store, `pipeline.*`, whose build id the published
   file's `audit.pipeline_build` must carry too). Before that, on every run: the sha256 of
   every file of every complete delivery against its manifest, and no file in a delivery
   folder that its manifest does not list (`imw.gate.integrity`); a published delivery
   that fails is refused (deliveries are immutable). Nothing changed: it says so and exits
   0 without rebuilding (`--force` rebuilds anyway).
3. Delivery gate (`imw.gate`): validates every delivery that is new or changed since the
   last publish (`--all`: every delivery) against its manifest and the specification,
   then runs one Great Expectations suite per file. Refusals (a file missing from the
   folder or the manifest, an unlisted file, a row count / sha256 / control total that
   differs from the manifest, a header that differs, invalid UTF-8; and, naming the line,
   an empty line, a lone CR ending a row, broken quoting) stop the run; a row with the
   wrong number of fields, an LF line end and expectation failures are warnings (the
   warehouse keeps and flags or quarantines such rows). Report per delivery:
   `<reports>/validation/<delivery>.md` and `.html` (self-contained, no external
   CSS/JS), listed in `<reports>/validation/index.html`.
4. Builds into `<build store>/run/private.new.duckdb`: a copy of the last build when only
   new deliveries were added, or an empty file with `dbt build --full-refresh` when
   nothing was built yet, the code, the reconciliation switch or the pseudonym key
   changed, a published delivery changed or disappeared, the published file and the build
   store come from different builds, or `--full-refresh` is given. `dbt build` (seeds,
   models, tests) runs in a child process with `IMW_BUILD_PATH` pointing at the new file;
   its target and logs go to the run folder, private too.
5. Prints the quarantine summary per file (`audit.row_reconciliation`), writes the
   interface (schemas marts, reporting, audit, reference, semantic; tables only) into a
   new file next to the published one, checks that it holds nothing else, and publishes
   (see `imw.publish`): the old published file becomes `<warehouse>.previous`, the new one
   is renamed over the published path atomically, then the build replaces the build
   store's database the same way. The run folder is removed; after a failure it is kept
   for the operator (dbt's logs and run results), until the next build.

The published file is never opened for writing: a refused delivery, a failing test, an
exception or a `kill -9` leaves it byte-identical and readable, and BI readers holding it
open read-only are not blocked. It holds no INSZ, no name of a natural person and no key:
the pseudonyms are HMAC-SHA256 under `IMW_PSEUDONYM_KEY`, computed by a function that
Python registers on dbt's connection (`imw.pseudonym`), so the key never becomes SQL text.

`--rollback` publishes `<warehouse>.previous` again (the replaced file is kept as
`<warehouse>.rolled-back`) and puts the build store back on the matching previous build.
The next scheduled run then sees the newer deliveries as new and rebuilds them; move the
bad delivery away first if it is the cause.

Exit codes:
    0  published, or nothing to do (no new delivery, same code); rollback done
    1  any other error (configuration, unexpected exception, no complete delivery, a full
       disk: the last line then says "no space left on device")
    2  a delivery was refused by the gate (nothing published)
    3  dbt build or a dbt test failed (nothing published)
    4  another run holds the lock (nothing done)

Environment:
    IMW_EXTRACTS_DIR    deliveries folder (default <repo>/data/extracts)
    IMW_WAREHOUSE_PATH  published DuckDB file (default <repo>/data/warehouse.duckdb)
    IMW_BUILD_STORE     private build store (default <warehouse dir>/<stem>.private)
    IMW_PSEUDONYM_KEY   key of the INSZ pseudonym (a public development key when unset)
    IMW_REPORTS_DIR     reports folder (default <repo>/data/reports)
    IMW_RECONCILE       0 turns off the comparison with the published deck figures
    IMW_GATE_EXPECTATIONS  0 skips the Great Expectations suites (the manifest and format
                        checks, i.e. every refusal, still run)
    DBT_PROFILES_DIR    where profiles.yml lives (default: the dbt project)
    IMW_PROJECT_DIR     the dbt project (default: this repository)
    IMW_BUILD_STEP      `module:function` replacing the dbt call (tests only); called as
                        function(build_path, extracts_dir, full_refresh), raises on failure
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import hashlib
import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imw import editions, engines, interface, pseudonym, publish
from imw.gate import DeliveryRefused, GateResult, run_gate, scan, verify_deliveries

REPO = Path(__file__).resolve().parents[2]


def project_dir() -> Path:
    """The dbt project (default: this repository; env IMW_PROJECT_DIR overrides)."""
    return _env_path("IMW_PROJECT_DIR", REPO)


log = logging.getLogger("imw.pipeline")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REFUSED = 2
EXIT_BUILD_FAILED = 3
EXIT_LOCKED = 4

# What the build is made of: a change here means a full rebuild.
CODE_PATHS = ["models", "macros", "seeds", "snapshots", "tests", "dbt_project.yml"]
CODE_EXCLUDE = ["tests/python"]


class BuildFailed(Exception):
    """dbt build (or a test in it) failed."""


class DiskFull(Exception):
    """A step failed because a filesystem is full."""


DISK_FULL_TEXT = "no space left on device"  # strerror(ENOSPC), also in DuckDB's IO errors


def code_fingerprint(repo: Path | None = None) -> str:
    repo = repo or project_dir()
    digest = hashlib.sha256()
    for name in CODE_PATHS:
        root = repo / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            rel = path.relative_to(repo).as_posix()
            if any(rel.startswith(x + "/") for x in CODE_EXCLUDE) or "__pycache__" in rel:
                continue
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _configure_logging() -> None:
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", "%H:%M:%S")
        )
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("imw").setLevel(logging.INFO)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run_pipeline.py",
        description="Validate new deliveries, build and test the warehouse, publish it.",
        epilog="Exit codes: 0 ok/nothing to do, 1 error, 2 delivery refused, "
        "3 dbt build or test failed, 4 locked by another run.",
    )
    parser.add_argument(
        "--all", action="store_true", help="revalidate every delivery, not only new ones"
    )
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="build from nothing instead of from a copy of the published file",
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even when no delivery and no code changed"
    )
    parser.add_argument(
        "--rollback", action="store_true", help="publish <warehouse>.previous again and stop"
    )
    parser.add_argument(
        "--gate-only",
        action="store_true",
        help="validate the deliveries and stop (no build, no publish)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    _configure_logging()
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    args = parse_args(argv)
    try:
        chosen = engines.engine()
    except engines.EngineError as exc:
        log.error("%s", exc)
        return EXIT_ERROR
    stores, extracts, reports = locations()
    warehouse = stores.published
    if chosen == "spark":
        from imw import spark_pipeline

        warehouse = Path("the published schemas on Spark")  # for the messages below
    try:
        if chosen == "spark":
            with publish.RunLock(spark_pipeline.store().lock):
                if args.rollback:
                    spark_pipeline.rollback()
                    log.info("rolled back: the version before is published on Spark again")
                    return EXIT_OK
                return spark_pipeline.run(args, extracts, reports)
        with publish.RunLock(stores.lock):
            if args.rollback:
                followed = publish.rollback(stores)
                log.info("rolled back: %s is the previous version again", warehouse)
                if not followed:
                    log.info(
                        "the build store had no matching previous state: the next run "
                        "rebuilds from nothing"
                    )
                return EXIT_OK
            return run(args, stores, extracts, reports)
    except publish.Locked as exc:
        log.error("%s", exc)
        return EXIT_LOCKED
    except DeliveryRefused as exc:
        log.error("%s", exc)
        log.error("nothing published; %s is unchanged", warehouse)
        return EXIT_REFUSED
    except DiskFull as exc:
        return _report_disk_full(stores, str(exc))
    except BuildFailed as exc:
        log.error("build failed: %s", exc)
        log.error("nothing published; %s is unchanged", warehouse)
        return EXIT_BUILD_FAILED
    except Exception as exc:  # noqa: BLE001 - the scheduler needs an exit code, not a trace
        if _is_disk_full(exc):
            return _report_disk_full(stores, str(exc))
        log.exception("pipeline error: %s", exc)
        log.error("nothing published; %s is unchanged", warehouse)
        return EXIT_ERROR


def locations() -> tuple[publish.Stores, Path, Path]:
    """The stores, the deliveries folder and the reports folder, from the environment
    (IMW_WAREHOUSE_PATH, IMW_BUILD_STORE, IMW_EXTRACTS_DIR, IMW_REPORTS_DIR)."""
    warehouse = _env_path("IMW_WAREHOUSE_PATH", REPO / "data" / "warehouse.duckdb")
    private = os.environ.get("IMW_BUILD_STORE")
    stores = publish.Stores.for_warehouse(
        warehouse, Path(private).expanduser().resolve() if private else None
    )
    extracts = _env_path("IMW_EXTRACTS_DIR", REPO / "data" / "extracts")
    reports = _env_path("IMW_REPORTS_DIR", REPO / "data" / "reports")
    return stores, extracts, reports


def _is_disk_full(exc: BaseException | None) -> bool:
    """ENOSPC anywhere in the exception's chain (an OSError, or DuckDB's IO error text)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        if DISK_FULL_TEXT in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _report_disk_full(stores: publish.Stores, detail: str) -> int:
    """Remove the partial build (what filled the disk) and end the log with the cause."""
    removed = publish.remove_partial_build(stores)
    free = {
        str(path): shutil.disk_usage(path).free // 2**20
        for path in (stores.private, stores.published.parent)
        if path.exists()
    }
    log.error("disk full: %s", detail.strip().splitlines()[0] if detail.strip() else detail)
    log.error(
        "no space left on device (free: %s); removed the partial build%s; nothing published, "
        "%s is unchanged",
        ", ".join(f"{path} {mib} MiB" for path, mib in free.items()),
        f" ({', '.join(p.name for p in removed)})" if removed else "",
        stores.published,
    )
    return EXIT_ERROR


def build_fingerprint() -> dict[str, str]:
    """What a build is made of besides the deliveries: a change means a full rebuild."""
    return {
        "code": code_fingerprint(),
        "reconcile": os.environ.get("IMW_RECONCILE", "1"),
        "pseudonym_key": pseudonym.key_fingerprint(),
    }


def _full_refresh_reason(
    args: argparse.Namespace,
    stores: publish.Stores,
    state: dict[str, Any] | None,
    fingerprint: dict[str, str],
    complete: dict[str, str],
) -> str | None:
    """Why this run must build from nothing, or None when it can build incrementally."""
    if args.full_refresh:
        return "--full-refresh"
    if state is None:
        if not stores.private_db.exists():
            return "nothing built yet in the build store " + str(stores.private)
        if not stores.published.exists():
            return "nothing published yet"
        return "the build store and the published file come from different builds"
    return changed_since(state, fingerprint, complete)


def changed_since(
    state: dict[str, Any], fingerprint: dict[str, str], complete: dict[str, str]
) -> str | None:
    """What changed since the last published build (`state`) that makes every table
    change: the key, the code, a published delivery, a delivery older than the newest
    built; None when only newer deliveries were added. Shared by both engines."""
    if state["fingerprint"].get("pseudonym_key") != fingerprint["pseudonym_key"]:
        return (
            "the pseudonym key (IMW_PSEUDONYM_KEY) differs from the key of the last build: "
            "every pseudonym is made again with the new key, none of the old one is kept"
        )
    if state["fingerprint"] != fingerprint:
        return "code changed"
    if not all(complete.get(name) == sha for name, sha in state["deliveries"].items()):
        return "a published delivery changed or disappeared"
    late = sorted(name for name in complete if name not in state["deliveries"])
    if late and state["deliveries"] and late[0] < max(state["deliveries"]):
        return (
            f"delivery {late[0]} arrived after the newer {max(state['deliveries'])} was built: "
            "every edition of the figure book from it on changes"
        )
    return None


@dataclass(frozen=True)
class BuildPlan:
    """What the gate decided a build is made of: written by `prepare`, read by `build`
    and `finish` (the Dagster assets pass it through the run folder, `plan.json`)."""

    complete: dict[str, str]  # delivery -> sha256 of its manifest, as validated
    fingerprint: dict[str, str]
    incremental: bool
    why_full_refresh: str | None
    gate_seconds: float
    validated: list[str]
    base_build_id: str | None  # the build store's build this one starts from
    # the deliveries of the base build (empty for a full refresh)
    built: list[str] = dataclasses.field(default_factory=list)

    @property
    def editions_to_replay(self) -> list[str]:
        """The deliveries whose figure book edition is built before the final dbt build
        (imw.editions): those added by this build but the newest."""
        return editions.editions_to_replay(list(self.complete), self.built)

    @property
    def newest_delivery(self) -> str:
        return max(self.complete)

    def save(self, stores: publish.Stores) -> Path:
        path = stores.run_dir / PLAN_NAME
        with publish.private_files():
            stores.run_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(dataclasses.asdict(self), sort_keys=True, indent=1))
        return path

    @classmethod
    def load(cls, stores: publish.Stores) -> BuildPlan:
        """The plan of the gate that ran last; refused when another run published since."""
        path = stores.run_dir / PLAN_NAME
        try:
            plan = cls(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise RuntimeError(f"no build plan in {path}: run the delivery gate first") from exc
        state = publish.read_state(stores)
        if (state or {}).get("build_id") != plan.base_build_id:
            raise RuntimeError(
                f"the build plan in {path} is stale: another run published since the gate "
                "ran; run the delivery gate again"
            )
        return plan


PLAN_NAME = "plan.json"


def run(args: argparse.Namespace, stores: publish.Stores, extracts: Path, reports: Path) -> int:
    """One run under the lock (steps 1-5 of the module docstring); returns the exit code.

    Raises DeliveryRefused (gate), BuildFailed (dbt), PublishError, InterfaceError or
    RuntimeError when it stops; main turns them into exit codes. The three steps are the
    ones the Dagster assets call (imw.orchestration)."""
    started = time.monotonic()
    plan = prepare(args, stores, extracts, reports)
    if plan is None:
        return EXIT_OK
    build_seconds = build(plan, stores, extracts)
    finish(plan, stores, extracts, build_seconds)
    log.info(
        "published %s%s; %.1f s in all",
        stores.published,
        f" (previous version kept as {stores.previous.name})" if stores.previous.exists() else "",
        time.monotonic() - started,
    )
    return EXIT_OK


def prepare(
    args: argparse.Namespace, stores: publish.Stores, extracts: Path, reports: Path
) -> BuildPlan | None:
    """Steps 1-3: tidy the stores, check every delivery, run the gate, decide between an
    incremental build and a full refresh, and save that plan in the run folder. None:
    nothing to do (or `--gate-only`). Raises DeliveryRefused when the gate refuses."""
    _tidy_stores(stores)
    state = publish.read_state(stores)
    found = scan(extracts)
    if not found.complete:
        raise RuntimeError(f"no complete delivery (folder with _manifest.json) in {extracts}")
    verify_accepted_deliveries(extracts, list(found.complete), state)
    fingerprint = build_fingerprint()
    unchanged = (
        state is not None
        and state["deliveries"] == found.complete
        and state["fingerprint"] == fingerprint
    )
    if unchanged and not args.force and not args.all and not args.gate_only:
        log.info(
            "nothing to do: no new delivery since the last publish (%d deliveries, newest %s) "
            "and the code is unchanged; %s stays as it is (--force rebuilds)",
            len(found.complete),
            max(found.complete),
            stores.published,
        )
        return None

    gate = _delivery_gate(args, state, extracts, reports, len(found.complete))
    if args.gate_only:
        return None
    if unchanged and not args.force:
        log.info("nothing to rebuild: deliveries and code unchanged (--force rebuilds)")
        return None

    why = _full_refresh_reason(args, stores, state, fingerprint, gate.complete)
    if why is not None:
        log.info("full refresh (%s)", why)
    publish.clean_run(stores)  # the previous run's dbt logs, kept after a failure
    plan = BuildPlan(
        complete=dict(gate.complete),
        fingerprint=fingerprint,
        incremental=why is None,
        why_full_refresh=why,
        gate_seconds=gate.seconds,
        validated=sorted(gate.validated),
        base_build_id=None if state is None else state["build_id"],
        built=sorted(state["deliveries"]) if state is not None and why is None else [],
    )
    plan.save(stores)
    return plan


def build(plan: BuildPlan, stores: publish.Stores, extracts: Path) -> float:
    """Step 4: dbt builds into a new private file (a copy of the last build, or empty for
    a full refresh); returns the build's seconds. The quarantine summary is printed after
    a failed build too."""
    new = publish.start_build(stores, incremental=plan.incremental)
    log.info(
        "building into the build store, %s (%s)",
        new,
        "incremental, from a copy of the last build" if plan.incremental else "from nothing",
    )
    build_started = time.monotonic()
    step = _build_step()
    replayed = bool(plan.editions_to_replay) and step is dbt_build
    try:
        if replayed:
            replay_editions(new, extracts, plan, full_refresh=not plan.incremental)
        step(new, extracts, not plan.incremental and not replayed)
    except BuildFailed:
        _print_quarantine(new)  # often the reason: a file over its quarantine limit
        log.info("dbt's logs and run results of this run are kept in %s", stores.run_dir)
        raise
    build_seconds = time.monotonic() - build_started
    _print_quarantine(new)
    return build_seconds


def finish(
    plan: BuildPlan, stores: publish.Stores, extracts: Path, build_seconds: float
) -> dict[str, int]:
    """Step 5: the deliveries still those validated, then the build published (see
    `_publish_build`). Returns the rows per published table."""
    _check_deliveries_unchanged(extracts, plan.complete)
    return _publish_build(stores, stores.build_db, plan, build_seconds)


def _tidy_stores(stores: publish.Stores) -> None:
    """Step 1: the build store private, an interrupted run's leftovers removed, the
    published file consistent with the build store; a warning for the development key."""
    publish.secure_store(stores)
    removed = publish.remove_partial_build(stores) + publish.clean_stray_files(stores)
    if removed:
        log.info("removed leftovers of an interrupted run: %s", ", ".join(p.name for p in removed))
    publish.check_published(stores)
    pseudonym.warn_if_development_key()


def _delivery_gate(
    args: argparse.Namespace,
    state: dict[str, Any] | None,
    extracts: Path,
    reports: Path,
    complete: int,
) -> GateResult:
    """Step 3: the gate over the deliveries new or changed since the last publish (all of
    them with --all); raises DeliveryRefused when it refuses one."""
    known = {} if state is None else state["deliveries"]
    log.info("delivery gate: %d complete deliveries in %s", complete, extracts)
    gate = run_gate(
        extracts,
        reports,
        known=known,
        validate_all=args.all,
        run_expectations=os.environ.get("IMW_GATE_EXPECTATIONS", "1") != "0",
    )
    log.info(
        "delivery gate: %d validated, %d unchanged since the last publish, %.1f s; reports in %s",
        len(gate.validated),
        len(gate.skipped),
        gate.seconds,
        reports / "validation",
    )
    gate.raise_if_refused()
    return gate


def _check_deliveries_unchanged(extracts: Path, validated: dict[str, str]) -> None:
    """The complete deliveries (name -> manifest sha256) are still those the gate
    validated; a delivery that arrived or changed during the build stops the run."""
    after = scan(extracts)
    if after.complete != validated:
        changed = sorted(set(after.complete.items()) ^ set(validated.items()))
        raise RuntimeError(
            "deliveries changed while the build ran (dbt may have read an unvalidated one: "
            f"{', '.join(sorted({name for name, _ in changed}))}); not publishing, run again"
        )


def _publish_build(
    stores: publish.Stores, new: Path, plan: BuildPlan, build_seconds: float
) -> dict[str, int]:
    """The build's state into the new file, the interface written next to the published
    file and checked, then published; the run folder removed. Returns rows per table."""
    build_id = publish.new_build_id()
    publish.write_state(
        new,
        build_id,
        plan.complete,
        plan.fingerprint,
        {
            "full_refresh": not plan.incremental,
            "gate_seconds": plan.gate_seconds,
            "build_seconds": build_seconds,
        },
    )
    copied = interface.write_interface(
        new,
        stores.interface_db,
        interface.PublishedBuild(
            build_id=build_id,
            code_fingerprint=plan.fingerprint["code"],
            full_refresh=not plan.incremental,
            gate_seconds=plan.gate_seconds,
            build_seconds=build_seconds,
            deliveries=plan.complete,
        ),
    )
    interface.check_interface(stores.interface_db)
    log.info(
        "interface written: %d tables of schemas %s, %d rows",
        len(copied),
        ", ".join(interface.SCHEMAS),
        sum(copied.values()),
    )
    publish.publish(stores)
    publish.finish_run(stores)
    return copied


def verify_accepted_deliveries(
    extracts: Path, complete: list[str], state: dict[str, Any] | None
) -> None:
    """Every run, "nothing to do" included: each complete delivery still matches its
    manifest (sha256 of every file) and holds no file the manifest does not list
    (imw.gate.integrity). A delivery published before that fails is refused here (exit 2),
    whatever the options (`--full-refresh --force` included); a new delivery that fails
    is refused by the gate, which validates it anyway and writes its report."""
    accepted = set(state["deliveries"]) if state else set()
    check = verify_deliveries([extracts / name for name in complete], accepted=accepted)
    log.info(
        "delivery check: sha256 of %d files (%.0f MB) of %d deliveries, %.1f s",
        check.files,
        check.bytes / 1e6,
        check.deliveries,
        check.seconds,
    )
    refused = [finding for finding in check.findings if finding.delivery in accepted]
    if refused:
        raise DeliveryRefused(refused)


def _build_step() -> Callable[[Path, Path, bool], None]:
    """dbt_build, or the `module:function` of IMW_BUILD_STEP (tests only)."""
    spec = os.environ.get("IMW_BUILD_STEP")
    if not spec:
        return dbt_build
    module, _, name = spec.partition(":")
    step: Callable[[Path, Path, bool], None] = getattr(importlib.import_module(module), name)
    return step


def dbt_build(build_path: Path, extracts: Path, full_refresh: bool) -> None:
    """`dbt build` (seeds, models, tests) into build_path, in a child process.

    A child, not dbtRunner in-process: dbt-duckdb keeps its connection to the build file
    open for the life of the process, and the file must be closed (checkpointed) before
    it is published. The child gets SIGKILL when this process dies (PR_SET_PDEATHSIG),
    so a killed run leaves no dbt writing on, and creates its files private (umask 077).
    dbt's target and logs go next to the build file, in the build store's run folder.
    """
    env = {**os.environ, **dbt_environment(build_path, extracts)}
    work = build_path.parent  # the run folder: dbt's target and logs live there too
    args = [
        "build",
        "--project-dir",
        str(project_dir()),
        "--profiles-dir",
        env["DBT_PROFILES_DIR"],
        "--target-path",
        str(work / "dbt-target"),
        "--log-path",
        str(work / "dbt-logs"),
    ]
    if full_refresh:
        args.append("--full-refresh")
    command = [sys.executable, "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())"]
    log.info("dbt %s", " ".join(args))
    sys.stdout.flush()
    returncode, disk_full = _run_echoing([*command, *args], env)
    if returncode != 0:
        if disk_full or _dbt_says_disk_full(work):
            raise DiskFull(f"dbt build exited with {returncode}: {DISK_FULL_TEXT}")
        failed = failed_nodes(work / "dbt-target" / "run_results.json")
        raise BuildFailed(
            f"dbt build exited with {returncode}"
            + (": " + ", ".join(failed[:20]) if failed else "")
            + (f" (and {len(failed) - 20} more)" if len(failed) > 20 else "")
        )


def replay_editions(
    build_path: Path, extracts: Path, plan: BuildPlan, full_refresh: bool
) -> None:
    """The figure book's edition of each delivery the build adds but the newest, oldest
    first (imw.editions), into build_path, in one dbt child; the final `dbt build` then
    adds the newest. Raises BuildFailed or DiskFull as dbt_build does."""
    wanted = plan.editions_to_replay
    env = {**os.environ, **dbt_environment(build_path, extracts)}
    work = build_path.parent
    steps = editions.replay_arguments(
        wanted, list(plan.complete), work / "dbt-target", work / "dbt-logs"
    )
    spec = work / "editions.json"
    common = ["--project-dir", str(project_dir()), "--profiles-dir", env["DBT_PROFILES_DIR"]]
    with publish.private_files():
        spec.write_text(json.dumps({"steps": steps, "common": common}))
    log.info(
        "figure book editions: building %d of the %d added deliveries one at a time "
        "(%s ... %s), then the newest with every test",
        len(wanted),
        len(wanted) + 1,
        wanted[0],
        wanted[-1],
    )
    command = [sys.executable, "-m", "imw.editions", str(spec)]
    started = time.monotonic()
    returncode, disk_full = _run_echoing(
        [*command, *(["--full-refresh"] if full_refresh else [])], env
    )
    if returncode != 0:
        if disk_full or _dbt_says_disk_full(work):
            raise DiskFull(f"the editions' dbt exited with {returncode}: {DISK_FULL_TEXT}")
        failed = failed_nodes(work / "dbt-target" / "run_results.json")
        raise BuildFailed(
            f"building the figure book editions exited with {returncode}"
            + (": " + ", ".join(failed[:20]) if failed else "")
        )
    log.info("figure book editions: %d built in %.1f s", len(wanted), time.monotonic() - started)


def dbt_environment(build_path: Path | None, extracts: Path) -> dict[str, str]:
    """What a dbt child of the pipeline (or of a Dagster run) gets on top of the
    environment: the build file to write (DuckDB; None on Spark, whose build schemas
    are named by the project), the deliveries, the profile, no tracking."""
    python_path = [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {
        **({"IMW_BUILD_PATH": str(build_path)} if build_path is not None else {}),
        "IMW_EXTRACTS_DIR": str(extracts),
        "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(project_dir())),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PYTHONPATH": os.pathsep.join(python_path),  # imw.dbt_plugin for the profile
    }


def _run_echoing(command: list[str], env: dict[str, str]) -> tuple[int, bool]:
    """Run the dbt child with its output passed through to ours line by line; return its
    exit code and whether it said ENOSPC (dbt may fail to write its own log then)."""
    disk_full = False
    with subprocess.Popen(
        command,
        env=env,
        preexec_fn=_child_setup,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as child:
        assert child.stdout is not None
        raw = getattr(sys.stdout, "buffer", None)  # absent when stdout was replaced
        for line in child.stdout:
            if raw is not None:
                raw.write(line)
            else:
                sys.stdout.write(line.decode("utf-8", "replace"))
            disk_full = disk_full or DISK_FULL_TEXT.encode() in line.lower()
        sys.stdout.flush()
        return child.wait(), disk_full


def _child_setup() -> None:
    """In the dbt child: private files, and death with the parent."""
    os.umask(0o077)
    _die_with_parent()


def _dbt_says_disk_full(work: Path) -> bool:
    """Whether dbt's run results or the end of its log report ENOSPC."""
    for path in (work / "dbt-target" / "run_results.json", work / "dbt-logs" / "dbt.log"):
        try:
            with path.open("rb") as handle:
                handle.seek(max(0, path.stat().st_size - (4 << 20)))
                if DISK_FULL_TEXT.encode() in handle.read().lower():
                    return True
        except OSError:
            continue
    return False


def _die_with_parent() -> None:
    """In the child: receive SIGKILL when the parent dies (Linux; elsewhere a no-op)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PDEATHSIG
    except (OSError, AttributeError):
        pass


def failed_nodes(run_results: Path) -> list[str]:
    """The nodes dbt's run results report as failed (error, fail, runtime error)."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return []
    return [
        f"{r['unique_id']} ({r['status']})"
        for r in results
        if str(r.get("status")).lower() in ("error", "fail", "runtime error")
    ]


def _print_quarantine(db: Path) -> None:
    """Per-file quarantine summary from audit.row_reconciliation, when the models have it."""
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        log.warning("quarantine summary not available: %s", exc)
        return
    try:
        columns = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'audit' and table_name = 'row_reconciliation' "
                "order by ordinal_position"
            ).fetchall()
        ]
        if not columns:
            log.info("quarantine summary: audit.row_reconciliation not found in the build")
            return
        rows = con.execute("select * from audit.row_reconciliation").fetchall()
    except duckdb.Error as exc:
        log.warning("quarantine summary not available: %s", exc)
        return
    finally:
        con.close()
    quarantined = next((c for c in columns if "quarantin" in c), None)
    log.info("quarantine summary (audit.row_reconciliation, %d files delivered):", len(rows))
    shown = rows
    if quarantined:
        index = columns.index(quarantined)
        with_quarantine = [r for r in rows if r[index]]
        log.info("  %d of them with quarantined rows", len(with_quarantine))
        shown = with_quarantine
        if not shown:
            return
    shown = sorted(shown, key=lambda row: tuple(str(v) for v in row))
    widths = [
        max(len(str(c)), *(len(str(r[i])) for r in shown)) if shown else len(str(c))
        for i, c in enumerate(columns)
    ]
    log.info("  %s", "  ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in shown[:60]:
        log.info("  %s", "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    if len(shown) > 60:
        log.info("  ... %d more", len(shown) - 60)


if __name__ == "__main__":
    sys.exit(main())
