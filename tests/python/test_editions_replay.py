"""The edition replay child (imw.editions), without dbt running a build.

All steps share the one parsed manifest, and each must start from the nodes as parsing
left them: compiling marks ephemeral CTEs as injected on the nodes it compiles, and a
second step on the same nodes compiled its models without them (staging is ephemeral on
Spark). A copy is no way out: copy.deepcopy mixes up dbt's lookups, which failed every
edition on DuckDB, and Manifest.deepcopy() fails on disabled nodes.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from dbt.artifacts.resources import FileHash
from dbt.artifacts.resources.v1.components import InjectedCTE
from dbt.contracts.graph.manifest import Manifest
from dbt.contracts.graph.nodes import ModelNode, SeedNode
from dbt.node_types import NodeType

from imw import editions

COMPILED = {
    "compiled": True,
    "compiled_code": "with __dbt__cte__stg as (select 1) select * from __dbt__cte__stg",
    "extra_ctes_injected": True,
    "extra_ctes": [InjectedCTE(id="model.imw.stg", sql="select 1")],
    "_pre_injected_sql": "select * from __dbt__cte__stg",
}
PARSED = {
    "compiled": False,
    "compiled_code": None,
    "extra_ctes_injected": False,
    "extra_ctes": [],
    "_pre_injected_sql": None,
}


def node(kind, name: str):
    path = f"{name}.sql" if kind is ModelNode else f"{name}.csv"
    return kind(
        resource_type=NodeType.Model if kind is ModelNode else NodeType.Seed,
        database="imw",
        schema="marts",
        name=name,
        package_name="imw",
        path=path,
        original_file_path=f"models/{path}",
        unique_id=f"model.imw.{name}",
        fqn=["imw", name],
        alias=name,
        checksum=FileHash.from_contents(name),
        **({"raw_code": "select 1"} if kind is ModelNode else {}),
    )


def compile_(model) -> None:
    """What compiling a step leaves on a node."""
    for name, value in COMPILED.items():
        setattr(model, name, value)


def state(node) -> dict:
    return {name: getattr(node, name) for name in PARSED}


def test_forgetting_compilation_puts_nodes_back_as_parsed():
    model, seed = node(ModelNode, "fct"), node(SeedNode, "nace")
    compile_(model)
    manifest = Manifest(nodes={"model": model, "seed": seed})
    editions.forget_compilation(manifest)  # seeds have no compiled state to forget
    assert state(model) == PARSED


def test_every_step_starts_from_the_parsed_nodes(tmp_path, monkeypatch):
    model = node(ModelNode, "fct")
    pristine = Manifest(nodes={"model.imw.fct": model, "seed": node(SeedNode, "nace")})
    seen = []

    class Runner:
        def __init__(self, manifest=None):
            self.manifest = manifest

        def invoke(self, args):
            if args[0] == "parse":
                return SimpleNamespace(success=True, result=pristine, exception=None)
            seen.append((self.manifest, state(model), args))
            compile_(model)
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
    assert len(seen) == 2
    assert all(manifest is pristine for manifest, _, _ in seen)  # parsed once
    assert [before for _, before, _ in seen] == [PARSED, PARSED]
    # the full refresh and the seeds only in the first step
    assert "--full-refresh" in seen[0][2] and "--full-refresh" not in seen[1][2]
    assert "seed" in seen[1][2] and "seed" not in seen[0][2]
