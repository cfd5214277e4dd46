"""scripts/check_project_rules.py: each dbt-project-evaluator rule finds what it should on a
small hand-made manifest, and a project that follows them passes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_project_rules.py"
_spec = importlib.util.spec_from_file_location("check_project_rules", _SCRIPT)
assert _spec and _spec.loader
rules = importlib.util.module_from_spec(_spec)
sys.modules["check_project_rules"] = rules
_spec.loader.exec_module(rules)


def model(name: str, folder: str, parents: list[str], **extra: Any) -> dict[str, Any]:
    node = {
        "unique_id": f"model.imw.{name}",
        "name": name,
        "resource_type": "model",
        "package_name": "imw",
        "original_file_path": f"models/{folder}/{name}.sql",
        "config": {"materialized": extra.pop("materialized", "table"), "contract": {}},
        "depends_on": {"nodes": parents, "macros": []},
        "description": extra.pop("description", f"{name}. Grain: one row per thing."),
        "columns": {},
        "language": "sql",
        "raw_code": extra.pop("raw_code", "select 1 as x"),
    }
    node.update(extra)
    return node


def pk_tests(model_name: str, folder: str, column: str = "id") -> list[dict[str, Any]]:
    return [
        {
            "unique_id": f"test.imw.{kind}_{model_name}_{column}",
            "name": f"{kind}_{model_name}_{column}",
            "resource_type": "test",
            "package_name": "imw",
            "original_file_path": f"models/{folder}/_{folder.split('/')[-1]}__models.yml",
            "attached_node": f"model.imw.{model_name}",
            "column_name": column,
            "test_metadata": {"name": kind},
            "depends_on": {
                "nodes": [f"model.imw.{model_name}"],
                "macros": [f"macro.dbt.test_{kind}"],
            },
        }
        for kind in ("unique", "not_null")
    ]


def source(name: str) -> dict[str, Any]:
    return {
        "unique_id": f"source.imw.crm.{name}",
        "source_name": "crm",
        "name": name,
        "package_name": "imw",
        "original_file_path": "models/staging/crm/_crm__sources.yml",
        "description": f"The {name} file.",
        "source_description": "The CRM's files.",
        "relation_name": f"read_csv('{name}.csv')",
        "config": {"freshness": {"warn_after": {"count": 1, "period": "day"}}},
    }


def manifest(nodes: list[dict[str, Any]], sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "nodes": {n["unique_id"]: n for n in nodes},
        "sources": {s["unique_id"]: s for s in sources},
        "exposures": {},
    }


def good_project() -> dict[str, Any]:
    nodes = [
        model("stg_crm__customers", "staging/crm", ["source.imw.crm.customers"],
              materialized="view"),
        model("stg_crm__orders", "staging/crm", ["source.imw.crm.orders"], materialized="view"),
        model(
            "int_orders_enriched",
            "intermediate",
            ["model.imw.stg_crm__orders", "model.imw.stg_crm__customers"],
        ),
        model("dim_customer", "marts", ["model.imw.stg_crm__customers"]),
        model("fact_order", "marts", ["model.imw.int_orders_enriched", "model.imw.dim_customer"]),
    ]
    tests = [
        *pk_tests("stg_crm__customers", "staging/crm"),
        *pk_tests("stg_crm__orders", "staging/crm"),
        *pk_tests("int_orders_enriched", "intermediate"),
        *pk_tests("dim_customer", "marts"),
        *pk_tests("fact_order", "marts"),
    ]
    return manifest(nodes + tests, [source("customers"), source("orders")])


def findings(m: dict[str, Any]) -> dict[str, list[str]]:
    project = rules.load_project(m)
    return {
        name: [f.resource for f in find(project)]
        for name, find in rules.RULES.items()
        if list(find(project))
    }


def test_a_project_that_follows_the_rules_passes() -> None:
    assert findings(good_project()) == {}
    lines, failures = rules.check(good_project())
    assert failures == 0
    assert len(lines) == len(rules.RULES)


@pytest.mark.parametrize(
    ("change", "rule", "resource"),
    [
        # a staging model reading another staging model (the delivery list via a macro)
        (lambda m: m["nodes"]["model.imw.stg_crm__orders"]["depends_on"]["nodes"].append(
            "model.imw.stg_crm__customers"), "fct_staging_dependent_on_staging", "stg_crm__orders"),
        (lambda m: m["nodes"]["model.imw.stg_crm__orders"]["depends_on"]["nodes"].append(
            "model.imw.stg_crm__customers"), "fct_direct_join_to_source", "stg_crm__orders"),
        (lambda m: m["nodes"]["model.imw.fact_order"]["depends_on"]["nodes"].append(
            "source.imw.crm.orders"),
         "fct_marts_or_intermediate_dependent_on_source", "fact_order"),
        (lambda m: m["nodes"]["model.imw.fact_order"]["depends_on"]["nodes"].append(
            "source.imw.crm.orders"), "fct_source_fanout", "crm.orders"),
        (lambda m: m["nodes"]["model.imw.stg_crm__customers"]["depends_on"]["nodes"].clear(),
         "fct_unused_sources", "crm.customers"),
        (lambda m: m["nodes"]["model.imw.stg_crm__customers"]["depends_on"]["nodes"].clear(),
         "fct_root_models", "stg_crm__customers"),
        (lambda m: m["nodes"]["model.imw.stg_crm__customers"]["depends_on"]["nodes"].append(
            "model.imw.int_orders_enriched"), "fct_staging_dependent_on_marts_or_intermediate",
         "stg_crm__customers"),
        (lambda m: m["nodes"]["model.imw.fact_order"].update(
            raw_code="select * from analytics.orders"), "fct_hard_coded_references", "fact_order"),
        (lambda m: m["nodes"]["model.imw.fact_order"].update(name="fct_order"),
         "fct_model_naming_conventions", "fct_order"),
        (lambda m: m["nodes"]["model.imw.dim_customer"].update(description=""),
         "fct_undocumented_models", "dim_customer"),
        (lambda m: m["sources"]["source.imw.crm.orders"]["config"].clear(),
         "fct_sources_without_freshness", "crm.orders"),
        (lambda m: m["sources"]["source.imw.crm.orders"].update(description=""),
         "fct_undocumented_source_tables", "crm.orders"),
        (lambda m: m["nodes"].pop("test.imw.unique_dim_customer_id"),
         "fct_missing_primary_key_tests", "dim_customer"),
        (lambda m: m["nodes"]["test.imw.unique_dim_customer_id"].update(
            original_file_path="models/staging/crm/_crm__models.yml"),
         "fct_test_directories", "unique_dim_customer_id"),
        (lambda m: m["nodes"]["model.imw.dim_customer"].update(
            original_file_path="models/intermediate/dim_customer.sql"),
         "fct_model_directories", "dim_customer"),
        (lambda m: m["nodes"]["model.imw.dim_customer"].update(access="public"),
         "fct_public_models_without_contracts", "dim_customer"),
    ],
)
def test_each_rule_finds_its_case(change: Any, rule: str, resource: str) -> None:
    m = good_project()
    change(m)
    assert resource in findings(m).get(rule, [])


def test_rejoining_fanout_and_too_many_joins() -> None:
    m = good_project()
    # fact_order reads stg_crm__orders directly and through int_orders_enriched, which
    # feeds nothing else: a rejoin.
    m["nodes"]["model.imw.fact_order"]["depends_on"]["nodes"].append("model.imw.stg_crm__orders")
    # dim_customer gets three leaf children: fanout.
    for i in range(3):
        m["nodes"][f"model.imw.rpt_{i}"] = model(
            f"rpt_{i}", "reporting", ["model.imw.dim_customer"]
        )
    found = findings(m)
    assert "fact_order" in found["fct_rejoining_of_upstream_concepts"]
    assert found["fct_model_fanout"] == ["dim_customer"]
    m["nodes"]["model.imw.fact_order"]["depends_on"]["nodes"] = [
        f"model.imw.rpt_{i}" for i in range(3)
    ] + ["model.imw.stg_crm__orders", "model.imw.stg_crm__customers", "model.imw.dim_customer",
         "model.imw.int_orders_enriched"]
    assert findings(m)["fct_too_many_joins"] == ["fact_order"]


def test_the_projects_primary_key_test_counts() -> None:
    m = good_project()
    for kind in ("unique", "not_null"):
        m["nodes"].pop(f"test.imw.{kind}_dim_customer_id")
    test = pk_tests("dim_customer", "marts")[0]
    test.update(
        unique_id="test.imw.unique_combination_of_columns_dim_customer",
        column_name=None,
        test_metadata={"name": "unique_combination_of_columns"},
        depends_on={"nodes": ["model.imw.dim_customer"],
                    "macros": ["macro.imw.test_unique_combination_of_columns"]},
    )
    m["nodes"][test["unique_id"]] = test
    assert "fct_missing_primary_key_tests" not in findings(m)


def test_an_exception_accepts_a_finding_with_its_reason() -> None:
    m = good_project()
    m["nodes"]["model.imw.dim_customer"].update(name="deck_figures")
    lines, failures = rules.check(m)
    assert failures == 0
    assert any("accepted (deck_figures)" in line for line in lines)
