"""Every edition of the figure book (issue 15): the build replays the deliveries it adds.

`reporting.figure_book_as_of` holds, per complete delivery, the figure book the warehouse
publishes when that delivery is the newest. Its models are incremental: each dbt run adds
the edition of its own reference date (and its changes and their reasons). So that every
edition is exactly what a build with only the deliveries up to its date gives, the
pipeline builds the deliveries it adds one at a time, oldest first: for each added
delivery but the newest, a `dbt build` of the figure book's models and their parents
(no tests) with `--vars deliveries: <the deliveries up to it>`; then the usual
`dbt build` of everything (tests included) adds the newest. A monthly run adds one
delivery and replays nothing; a full refresh (code, key or a delivery changed) replays
every delivery but the newest. The replay runs in one child process (one parse, then one
dbtRunner invocation per delivery), which exits, closing the build file, before the
final build starts.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("imw.editions")

# The figure book's models and everything upstream of them (seeds included).
SELECTOR = "+figure_changes +figure_change_reasons"


def editions_to_replay(complete: Sequence[str], built: Sequence[str]) -> list[str]:
    """The deliveries whose edition a build must make before its final dbt build: every
    complete delivery not built yet but the newest, oldest first. `built` is empty for a
    full refresh."""
    done = set(built)
    added = sorted(name for name in complete if name not in done)
    return added[:-1]


def replay_arguments(
    editions: Sequence[str], complete: Sequence[str], target: Path, logs: Path
) -> list[dict[str, Any]]:
    """Each replay step: its edition and its dbt arguments (the deliveries up to it)."""
    ordered = sorted(complete)
    steps = []
    for edition in editions:
        deliveries = [name for name in ordered if name <= edition]
        steps.append(
            {
                "edition": edition,
                "args": [
                    "build",
                    "--quiet",
                    "--select",
                    SELECTOR,
                    "--exclude-resource-type",
                    "test",
                    "--exclude-resource-type",
                    "unit_test",
                    "--target-path",
                    str(target),
                    "--log-path",
                    str(logs),
                    "--vars",
                    json.dumps({"deliveries": ",".join(deliveries)}),
                ],
            }
        )
    return steps


def forget_compilation(manifest: Any) -> None:
    """Put every node's compiled state back as parsing left it, before the next step.
    Compiling marks the ephemeral models' CTEs as injected on the manifest's nodes (and
    keeps the SQL rendered with this step's deliveries), so the next invocation on the
    same manifest would compile its models without them (staging is ephemeral on Spark).
    Not a copy: Python's copy.deepcopy goes through dbt 1.11's `Manifest.__reduce_ex__`,
    whose arguments are out of step with its fields (the lookups land in each other's
    places), and `Manifest.deepcopy()` fails on the disabled nodes."""
    from dbt.contracts.graph.nodes import CompiledNode

    for node in manifest.nodes.values():
        if isinstance(node, CompiledNode):  # not seeds: they compile nothing
            node.compiled = False
            node.compiled_code = None
            node.extra_ctes_injected = False
            node.extra_ctes = []
            node._pre_injected_sql = None


def main(argv: Sequence[str] | None = None, target_args: Sequence[str] = ()) -> int:
    """In the child: `python -m imw.editions <steps.json> [--full-refresh]`: parse once,
    then one `dbt build` per step; the first gets --full-refresh when asked. Exit 1 on the
    first step that fails. `target_args` (e.g. `--target spark`, from
    imw.engines.spark_dbt) go to every dbt invocation."""
    from dbt.cli.main import dbtRunner
    from dbt.contracts.graph.manifest import Manifest

    args = list(sys.argv[1:] if argv is None else argv)
    full_refresh = "--full-refresh" in args
    spec = json.loads(Path(args[0]).read_text())
    steps: list[dict[str, Any]] = spec["steps"]
    common = [*spec["common"], *target_args]
    parsed = dbtRunner().invoke(["parse", "--quiet", *common])
    if not parsed.success or not isinstance(parsed.result, Manifest):
        print(f"editions: dbt parse failed: {parsed.exception}", flush=True)
        return 1
    manifest = parsed.result
    for number, step in enumerate(steps):
        forget_compilation(manifest)
        runner = dbtRunner(manifest=manifest)
        started = time.monotonic()
        # the seeds once: the first step loads them (or finds them in the copied build)
        extra = ["--full-refresh"] if full_refresh and number == 0 else []
        if number > 0:
            extra += ["--exclude-resource-type", "seed"]
        result = runner.invoke([*step["args"], *common, *extra])
        edition = step["edition"]
        if not result.success:
            print(f"editions: the edition of {edition} failed", flush=True)
            return 1
        print(
            f"editions: {number + 1}/{len(steps)} {edition} built in "
            f"{time.monotonic() - started:.1f} s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
