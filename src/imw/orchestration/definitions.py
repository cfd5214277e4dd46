"""Dagster definitions of the warehouse: the gate, the dbt models and publishing as
assets, one run at a time, the published file replaced only by a green build.

Every step calls the function of `imw.pipeline` that `imw-pipeline` calls (`prepare`,
`publish.start_build` + dbt, `finish`); what differs is only who runs them. A Dagster run
always builds (like `imw-pipeline --force`): it was asked for, by a user or by the sensor
for a new delivery. The steps pass the gate's decision through the build store's run
folder (`plan.json`), so a failed dbt step can be re-executed on its own.
"""

import contextlib
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster import AssetExecutionContext
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from imw import pipeline, publish
from imw.gate import DeliveryRefused
from imw.orchestration.sensors import monthly_schedule, new_delivery_sensor

log = logging.getLogger("imw.orchestration")

DELIVERIES = dg.AssetKey("imw_deliveries")
PUBLISHED = dg.AssetKey("published_warehouse")
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"
# The manifest Dagster reads the asset graph from: `dbt parse` writes it here when it is
# missing or the project's code changed since (not the build's target: that one is private
# and removed after each publish).
MANIFEST_DIR = pipeline.REPO / "target" / "dagster"
BUILD_SECONDS = "build_seconds.txt"  # from the dbt step to the publish step, in the run folder


def _build_seconds(stores: publish.Stores) -> float:
    try:
        return float((stores.run_dir / BUILD_SECONDS).read_text())
    except (OSError, ValueError):
        return 0.0


def dbt_manifest() -> Path:
    """manifest.json of the project, parsed again when the code fingerprint changed."""
    manifest = MANIFEST_DIR / "manifest.json"
    stamp = MANIFEST_DIR / "code_fingerprint.txt"
    fingerprint = f"{pipeline.code_fingerprint()} reconcile={os.environ.get('IMW_RECONCILE', '1')}"
    if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return manifest
    project = str(pipeline.project_dir())
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", project),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", project]
    command += ["--target-path", str(MANIFEST_DIR), "--log-path", str(MANIFEST_DIR / "logs")]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    stamp.write_text(fingerprint)
    return manifest


class ImwTranslator(DagsterDbtTranslator):
    """The delivery files (the dbt sources) are one asset, the gate's; a model's group
    is its layer (staging, intermediate, marts, reporting, audit, semantic), seeds are
    `reference`."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return DELIVERIES
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return str(fqn[1]) if len(fqn) > 2 else "dbt"


TRANSLATOR = ImwTranslator(
    settings=DagsterDbtTranslatorSettings(
        enable_asset_checks=True, enable_duplicate_source_asset_keys=True
    )
)


class ImwRun:
    """Where this run reads and writes (from the IMW_* environment, as `imw-pipeline`),
    holding the pipeline's lock for the whole run."""

    def __init__(self) -> None:
        self.stores, self.extracts, self.reports = pipeline.locations()


@dg.resource(description="The pipeline's lock (<warehouse>.lock), held for the whole run.")
def imw_run(_: dg.InitResourceContext) -> Iterator[ImwRun]:
    """Initialised once per run (the in-process executor): two runs, or a run and
    `make build`, never build at once; the second fails with the lock's message."""
    run = ImwRun()
    run.stores.published.parent.mkdir(parents=True, exist_ok=True)
    try:
        with publish.RunLock(run.stores.lock):
            yield run
    except publish.Locked as exc:
        raise dg.Failure(description=str(exc)) from exc


def _validation_reports(reports: Path, deliveries: list[str]) -> dict[str, dg.MetadataValue]:
    metadata: dict[str, dg.MetadataValue] = {}
    for name in deliveries:
        report = reports / "validation" / f"{name}.md"
        if report.exists():
            metadata[f"validation {name}"] = dg.MetadataValue.md(report.read_text())
    metadata["validation reports"] = dg.MetadataValue.path(str(reports / "validation"))
    return metadata


@dg.asset(
    key=DELIVERIES,
    group_name="gate",
    description="The complete deliveries, checked (sha256 of every file against its "
    "manifest, no unlisted file) and validated by the delivery gate (manifest, "
    "specification, Great Expectations). A refusal fails the run.",
)
def imw_deliveries(
    context: AssetExecutionContext, imw_run: dg.ResourceParam[ImwRun]
) -> dg.MaterializeResult[None]:
    run = imw_run
    args = pipeline.parse_args(["--force"])  # a Dagster run always builds
    try:
        plan = pipeline.prepare(args, run.stores, run.extracts, run.reports)
    except DeliveryRefused as exc:
        refused = sorted({finding.delivery for finding in exc.findings if finding.delivery})
        raise dg.Failure(
            description=str(exc), metadata=_validation_reports(run.reports, refused)
        ) from exc
    assert plan is not None  # --force: prepare returns a plan or raises
    return dg.MaterializeResult(
        metadata={
            "deliveries": len(plan.complete),
            "newest delivery": plan.newest_delivery,
            "validated": ", ".join(plan.validated) or "none (all known)",
            "build": "incremental"
            if plan.incremental
            else f"full refresh ({plan.why_full_refresh})",
            "gate seconds": round(plan.gate_seconds, 1),
            **_validation_reports(run.reports, plan.validated),
        }
    )


@contextlib.contextmanager
def _dbt_child_environment(env: Mapping[str, str]) -> Iterator[None]:
    """dagster-dbt starts dbt with this process's environment: set what the pipeline's
    dbt child gets, private files (umask 077), and restore both afterwards."""
    saved = {name: os.environ.get(name) for name in env}
    old_umask = os.umask(0o077)
    os.environ.update(env)
    try:
        yield
    finally:
        os.umask(old_umask)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dbt_assets(
    manifest=dbt_manifest(),
    dagster_dbt_translator=TRANSLATOR,
)
def imw_dbt_models(
    context: AssetExecutionContext, dbt: DbtCliResource, imw_run: dg.ResourceParam[ImwRun]
) -> Iterator[Any]:
    """`dbt build` of every seed, model and test into a new file in the private build
    store: a copy of the last build (incremental) or empty (full refresh), as the gate
    planned, after the figure book editions of the other added deliveries
    (pipeline.replay_editions). Never into the published file."""
    run = imw_run
    if context.selected_asset_keys != context.assets_def.keys:
        raise dg.Failure(
            description="the warehouse is built and published as a whole: select every dbt "
            "asset (e.g. --select '*'), not a part of them"
        )
    plan = pipeline.BuildPlan.load(run.stores)
    build_path = publish.start_build(run.stores, incremental=plan.incremental)
    started = time.monotonic()
    replayed = bool(plan.editions_to_replay)
    if replayed:  # the figure book's earlier editions first, one delivery at a time
        try:
            pipeline.replay_editions(
                build_path, run.extracts, plan, full_refresh=not plan.incremental
            )
        except (pipeline.BuildFailed, pipeline.DiskFull) as exc:
            raise dg.Failure(description=f"{exc}; nothing published") from exc
    args = ["build"] if plan.incremental or replayed else ["build", "--full-refresh"]
    with _dbt_child_environment(pipeline.dbt_environment(build_path, run.extracts)):
        invocation = dbt.cli(
            args, context=context, target_path=run.stores.dbt_target, raise_on_error=False
        )
        yield from invocation.stream()
    (run.stores.run_dir / BUILD_SECONDS).write_text(f"{time.monotonic() - started:.3f}")
    if not invocation.is_successful():
        failed = pipeline.failed_nodes(run.stores.dbt_target / "run_results.json")
        raise dg.Failure(
            description="dbt build failed; nothing published: "
            + (", ".join(failed[:20]) or "see the dbt log"),
            metadata={"dbt logs (kept)": dg.MetadataValue.path(str(run.stores.run_dir))},
        )


@dg.asset(
    key=PUBLISHED,
    group_name="publish",
    deps=[imw_dbt_models],
    description="The published warehouse (IMW_WAREHOUSE_PATH): the interface (marts, "
    "reporting, audit, reference, semantic) written from the green build and swapped in "
    "atomically; the replaced file is kept as <warehouse>.previous.",
)
def published_warehouse(imw_run: dg.ResourceParam[ImwRun]) -> dg.MaterializeResult[None]:
    run = imw_run
    plan = pipeline.BuildPlan.load(run.stores)
    rows = pipeline.finish(plan, run.stores, run.extracts, _build_seconds(run.stores))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(run.stores.published)),
            "reference date": plan.newest_delivery,
            "build": "incremental" if plan.incremental else "full refresh",
            "rows": sum(rows.values()),
            "rows per table": dg.MetadataValue.json(dict(sorted(rows.items()))),
        }
    )


ALL_ASSETS = dg.AssetSelection.all()
warehouse_job = dg.define_asset_job(
    "imw_warehouse",
    selection=ALL_ASSETS,
    description="Gate, dbt build into the build store, publish: what `make build` does.",
    executor_def=dg.in_process_executor,
)

defs = dg.Definitions(
    assets=[imw_deliveries, imw_dbt_models, published_warehouse],
    jobs=[warehouse_job],
    sensors=[new_delivery_sensor(warehouse_job)],
    schedules=[monthly_schedule(warehouse_job)],
    resources={
        "dbt": DbtCliResource(
            project_dir=str(pipeline.project_dir()),
            profiles_dir=os.environ.get("DBT_PROFILES_DIR", str(pipeline.project_dir())),
            dbt_executable=str(DBT_EXECUTABLE),
        ),
        "imw_run": imw_run,
    },
    executor=dg.in_process_executor,
)
