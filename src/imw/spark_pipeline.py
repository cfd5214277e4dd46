"""The pipeline on Apache Spark (`IMW_ENGINE=spark make build`; issue 13).

The same steps, checks and exit codes as on DuckDB (imw.pipeline), with Spark's stores:

1. the deliveries' integrity check and the delivery gate, unchanged (they read files);
2. the decision between an incremental build and a full refresh, from the state of the
   last published build (`<spark home>/pipeline/state.json`, private): the same reasons
   as on DuckDB, plus one of Spark's own: a build that did not finish (its marker,
   `building`, is still there) may have left the private build schemas half-written,
   so the next build is a full refresh;
3. dbt on Spark (`python -m imw.engines.spark_dbt`, a child process) into the private
   schemas `imw_build__<schema>`, with `--vars deliveries: <the complete deliveries>`;
   the figure book's editions replayed first, as on DuckDB (imw.editions);
4. write-audit-publish into a new version of the published schemas
   (imw.engines.spark_publish, a child process), then the state.

`--rollback` publishes the version before again and restores its state. The local
session's folder is IMW_SPARK_HOME (default data/spark); with IMW_SPARK_REMOTE the
catalog is the cluster's and only the state lives there.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from imw import editions, pipeline, publish
from imw.engines.spark_dbt import spark_home
from imw.gate import scan

log = logging.getLogger("imw.pipeline")


class Store:
    """The Spark pipeline's private files: state, run folder, lock."""

    def __init__(self, home: Path):
        self.home = home
        self.root = home / "pipeline"

    @property
    def state(self) -> Path:
        return self.root / "state.json"

    @property
    def previous_state(self) -> Path:
        return self.root / "state.previous.json"

    @property
    def building(self) -> Path:
        return self.root / "building"

    @property
    def run_dir(self) -> Path:
        return self.root / "run"

    @property
    def lock(self) -> Path:
        return self.root / "pipeline.lock"

    def secure(self) -> None:
        with publish.private_files():
            self.root.mkdir(parents=True, exist_ok=True)
        for path in (self.home, self.root):
            path.chmod(0o700)

    def read_state(self) -> dict[str, Any] | None:
        try:
            state: dict[str, Any] = json.loads(self.state.read_text())
        except (OSError, ValueError):
            return None
        return state

    def write_json(self, path: Path, value: dict[str, Any]) -> None:
        """Written next to its place and renamed over it (atomic)."""
        with publish.private_files():
            partial = path.with_name(path.name + ".tmp")
            partial.write_text(json.dumps(value, sort_keys=True, indent=1))
            os.replace(partial, path)


def store() -> Store:
    return Store(spark_home())


def full_refresh_reason(
    args: argparse.Namespace,
    shop: Store,
    state: dict[str, Any] | None,
    fingerprint: dict[str, str],
    complete: dict[str, str],
) -> str | None:
    """Why this Spark build must start from nothing, or None (an incremental build)."""
    if args.full_refresh:
        return "--full-refresh"
    if state is None:
        return "nothing published yet on Spark"
    if shop.building.exists():
        return "the last build on Spark did not finish: its build schemas may be half-written"
    return pipeline.changed_since(state, fingerprint, complete)


def run(args: argparse.Namespace, extracts: Path, reports: Path) -> int:
    """One Spark run under the lock; raises as imw.pipeline.run does."""
    started = time.monotonic()
    shop = store()
    shop.secure()
    state = shop.read_state()
    found = scan(extracts)
    if not found.complete:
        raise RuntimeError(f"no complete delivery (folder with _manifest.json) in {extracts}")
    pipeline.verify_accepted_deliveries(extracts, list(found.complete), state)
    fingerprint = pipeline.build_fingerprint()
    unchanged = (
        state is not None
        and state["deliveries"] == found.complete
        and state["fingerprint"] == fingerprint
        and not shop.building.exists()
    )
    if unchanged and not args.force and not args.all and not args.gate_only:
        log.info(
            "nothing to do: no new delivery since the last publish on Spark (%d deliveries, "
            "newest %s) and the code is unchanged (--force rebuilds)",
            len(found.complete),
            max(found.complete),
        )
        return pipeline.EXIT_OK
    gate = pipeline._delivery_gate(args, state, extracts, reports, len(found.complete))
    if args.gate_only or (unchanged and not args.force):
        return pipeline.EXIT_OK
    why = full_refresh_reason(args, shop, state, fingerprint, gate.complete)
    if why is not None:
        log.info("full refresh on Spark (%s)", why)
    complete = dict(gate.complete)
    built = sorted(state["deliveries"]) if state is not None and why is None else []
    build_id = publish.new_build_id()

    with publish.private_files():
        shop.run_dir.mkdir(parents=True, exist_ok=True)
        shop.building.write_text(build_id)
    build_started = time.monotonic()
    build(shop, extracts, complete, built, full_refresh=why is not None)
    build_seconds = time.monotonic() - build_started
    pipeline._check_deliveries_unchanged(extracts, complete)
    result = publish_build(
        shop,
        {
            "build_id": build_id,
            "deliveries": complete,
            "code_fingerprint": fingerprint["code"],
            "full_refresh": why is not None,
            "gate_seconds": gate.seconds,
            "build_seconds": build_seconds,
        },
    )
    if state is not None:
        shop.write_json(shop.previous_state, state)
    shop.write_json(
        shop.state,
        {
            "build_id": build_id,
            "version": result["version"],
            "deliveries": complete,
            "fingerprint": fingerprint,
        },
    )
    shop.building.unlink()
    log.info(
        "published on Spark: version %s, %d views in schemas marts, reporting, audit, "
        "reference, semantic (%d rows); %.1f s in all",
        result["version"],
        result["views"],
        sum(result["rows"].values()),
        time.monotonic() - started,
    )
    return pipeline.EXIT_OK


def _spark_child(arguments: list[str], env: dict[str, str], what: str, work: Path) -> None:
    command = [sys.executable, "-m", *arguments]
    log.info("%s: %s", what, " ".join(arguments[:3]))
    sys.stdout.flush()
    returncode, disk_full = pipeline._run_echoing(command, env)
    if returncode != 0:
        if disk_full:
            raise pipeline.DiskFull(f"{what} exited with {returncode}: {pipeline.DISK_FULL_TEXT}")
        failed = pipeline.failed_nodes(work / "dbt-target" / "run_results.json")
        raise pipeline.BuildFailed(
            f"{what} exited with {returncode}" + (": " + ", ".join(failed[:20]) if failed else "")
        )


def _environment(extracts: Path) -> dict[str, str]:
    """The environment of a Spark child: the pipeline's dbt environment on Spark."""
    return {
        **os.environ,
        **pipeline.dbt_environment(None, extracts),
        "IMW_ENGINE": "spark",
        "IMW_SPARK_HOME": str(spark_home()),
    }


def build(
    shop: Store, extracts: Path, complete: dict[str, str], built: list[str], full_refresh: bool
) -> None:
    """Step 3: the editions replayed, then `dbt build` of everything, on Spark."""
    work = shop.run_dir
    env = _environment(extracts)
    common = ["--project-dir", str(pipeline.project_dir())]
    common += ["--profiles-dir", env["DBT_PROFILES_DIR"]]
    target = ["--target-path", str(work / "dbt-target"), "--log-path", str(work / "dbt-logs")]
    replay = editions.editions_to_replay(list(complete), built)
    if replay:
        steps = editions.replay_arguments(
            replay, list(complete), work / "dbt-target", work / "dbt-logs"
        )
        spec = work / "editions.json"
        with publish.private_files():
            spec.write_text(json.dumps({"steps": steps, "common": common}))
        log.info("figure book editions on Spark: %d before the newest", len(replay))
        _spark_child(
            ["imw.engines.spark_dbt", "--steps", str(spec),
             *(["--full-refresh"] if full_refresh else [])],
            env,
            "the editions' dbt on Spark",
            work,
        )
    deliveries = json.dumps({"deliveries": ",".join(sorted(complete))})
    _spark_child(
        ["imw.engines.spark_dbt", "build", *common, *target, "--vars", deliveries,
         *(["--full-refresh"] if full_refresh and not replay else [])],
        env,
        "dbt build on Spark",
        work,
    )


def publish_build(shop: Store, spec: dict[str, Any]) -> dict[str, Any]:
    """Step 4 (imw.engines.spark_publish, in a child): returns its result."""
    state = shop.read_state()
    spec = {**spec, "keep": [state["version"]] if state else []}
    return _publish_child(shop, "publish", spec)


def _publish_child(shop: Store, command: str, spec: dict[str, Any]) -> dict[str, Any]:
    spec_path, result_path = shop.run_dir / f"{command}.json", shop.run_dir / "result.json"
    with publish.private_files():
        shop.run_dir.mkdir(parents=True, exist_ok=True)
        spec_path.write_text(json.dumps(spec))
    result_path.unlink(missing_ok=True)
    returncode, _ = pipeline._run_echoing(
        [sys.executable, "-m", "imw.engines.spark_publish", command, str(spec_path),
         str(result_path)],
        _environment(Path(os.environ.get("IMW_EXTRACTS_DIR", "."))),
    )
    if returncode != 0 or not result_path.exists():
        raise publish.PublishError(f"{command} on Spark failed (exit {returncode}); see above")
    result: dict[str, Any] = json.loads(result_path.read_text())
    return result


def rollback() -> bool:
    """Publish the version before the current one again, with its state."""
    shop = store()
    shop.secure()
    try:
        previous = json.loads(shop.previous_state.read_text())
    except (OSError, ValueError):
        raise publish.PublishError(
            "no previous version published on Spark; nothing rolled back"
        ) from None
    current = shop.read_state()
    _publish_child(shop, "rollback", {"version": previous["version"]})
    shop.write_json(shop.state, previous)
    if current is not None:
        shop.write_json(shop.previous_state, current)
    # the build schemas hold the newer build: the next build starts from nothing
    with publish.private_files():
        shop.building.write_text("rolled back")
    return True
