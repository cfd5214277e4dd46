"""The edition replay child (imw.editions), without dbt running a build.

Each step must get its own copy of the parsed manifest (compiling marks ephemeral CTEs as
injected on the nodes it compiles), and the copy must be a working manifest: Python's
copy.deepcopy goes through dbt's out-of-step Manifest.__reduce_ex__ and mixes up its
lookups, which failed every edition on DuckDB.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from dbt.contracts.graph.manifest import Manifest, MetricLookup, RefableLookup

from imw import editions


def test_a_fresh_manifest_is_a_working_copy():
    pristine = Manifest()
    # the lookups are built lazily; build them, as a parse followed by a run does
    assert isinstance(pristine.ref_lookup, RefableLookup)
    assert isinstance(pristine.metric_lookup, MetricLookup)
    fresh = editions.fresh_manifest(pristine)
    assert fresh is not pristine
    assert isinstance(fresh.ref_lookup, RefableLookup)
    assert isinstance(fresh.metric_lookup, MetricLookup)
    assert fresh.ref_lookup.find("fact_application", None, None, fresh) is None


def test_every_step_builds_on_its_own_copy_of_the_parsed_manifest(tmp_path, monkeypatch):
    pristine = Manifest()
    seen = []

    class Runner:
        def __init__(self, manifest=None):
            self.manifest = manifest

        def invoke(self, args):
            if args[0] == "parse":
                return SimpleNamespace(success=True, result=pristine, exception=None)
            seen.append((self.manifest, args))
            return SimpleNamespace(success=True, result=None, exception=None)

    monkeypatch.setattr("dbt.cli.main.dbtRunner", Runner)
    steps = editions.replay_arguments(
        ["2024-01-31", "2024-02-29"],
        ["2024-01-31", "2024-02-29", "2024-03-31"],
        tmp_path / "target",
        tmp_path / "logs",
    )
    spec = tmp_path / "steps.json"
    spec.write_text(json.dumps({"steps": steps, "common": ["--project-dir", "."]}))
    assert editions.main([str(spec), "--full-refresh"]) == 0
    manifests = [manifest for manifest, _ in seen]
    assert len(manifests) == 2
    assert all(isinstance(m, Manifest) and m is not pristine for m in manifests)
    assert manifests[0] is not manifests[1]
    # the full refresh and the seeds only in the first step
    assert "--full-refresh" in seen[0][1] and "--full-refresh" not in seen[1][1]
    assert "seed" in seen[1][1] and "seed" not in seen[0][1]
