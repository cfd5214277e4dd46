"""The rules of dbt-project-evaluator, checked over dbt's manifest.json.

dbt-project-evaluator (dbt Labs) is a dbt package: it needs dbt's package hub, which this
project cannot reach, and it builds ~70 models in the warehouse to find its findings. This
script applies the same 29 rules of its version 1.3.2 (docs/rules/*.md and
models/marts/**/fct_*.sql of github.com/dbt-labs/dbt-project-evaluator) to the manifest
that `dbt parse` writes, in about a second, without a database. Each rule keeps the
evaluator's definition and default threshold; what this project configures differently
(its variables, and its exceptions, each with a reason) is in the constants below, and
the README's development section lists every rule with its status.

    .venv/bin/python scripts/check_project_rules.py [target/manifest.json]

Prints one line per rule and every finding; exits 1 when a rule has a finding that is not
an exception listed below.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = "imw"

# --- The evaluator's variables, as this project sets them ---------------------------------
# Model types by name prefix (the evaluator's <type>_prefixes). The house style names facts
# `fact_` where the evaluator's default is `fct_` (shared/style.md).
PREFIXES = {
    "base": ("base_",),
    "staging": ("stg_",),
    "intermediate": ("int_",),
    "marts": ("dim_", "fact_"),
    "other": ("rpt_",),
}
# Model types by folder (the evaluator's <type>_folder_name); "other" has no folder.
FOLDERS = {"base": "base", "staging": "staging", "intermediate": "intermediate", "marts": "marts"}
# Tests that count as a primary-key test (the evaluator's primary_key_test_macros): the
# project's own unique_combination_of_columns stands in for dbt_utils' (no dbt_utils here).
PRIMARY_KEY_TEST_MACROS = (
    ("dbt.test_unique", "dbt.test_not_null"),
    (f"{PROJECT}.test_unique_combination_of_columns",),
)
MODELS_FANOUT_THRESHOLD = 3
TOO_MANY_JOINS_THRESHOLD = 7
CHAINED_VIEWS_THRESHOLD = 5  # the evaluator's value on DuckDB and Spark
DOCUMENTATION_COVERAGE_TARGET = 100.0
TEST_COVERAGE_TARGET = 100.0


@dataclass(frozen=True)
class Exception_:
    """A finding the house style accepts on purpose (the evaluator's exceptions seed)."""

    rule: str
    resource: str  # a regular expression over the finding's resource name
    reason: str


EXCEPTIONS = (
    Exception_(
        "fct_sources_without_freshness",
        r"imw\..*",
        "the sources are delivery files, not loaded tables: whether a delivery is complete "
        "and on time is the delivery gate's job (manifest, checksums, incomplete-delivery "
        "warning), and a file has no loaded_at column to measure",
    ),
    Exception_(
        "fct_model_naming_conventions",
        r"deck_figures|figure_book_as_of|figure_changes|figure_change_reasons"
        r"|quarantined_rows|row_reconciliation|data_quality_issues",
        "published tables whose names are the interface (reporting.deck_figures and the "
        "figure book over time, "
        "audit.*; shared/spec/warehouse-interface.md): the schema names the layer, a "
        "`rpt_` prefix would repeat it and break every reader",
    ),
    Exception_(
        "fct_root_models",
        r"int_pseudonym_key|int_quarter_spine",
        "generated, not derived: the calendar of quarters comes from a macro and the key's "
        "fingerprint from a function on the connection; there is no data upstream",
    ),
    Exception_(
        "fct_too_many_joins",
        r"deck_figures|data_quality_issues|row_reconciliation",
        "the figure book, the quality issues and the row reconciliation bring together every "
        "fact, or every delivered file, by definition: each parent is one entry of the "
        "model's declarative list and is read in its own import CTE, never joined to another",
    ),
    Exception_(
        "fct_missing_primary_key_tests",
        r"stg_imw__.*",
        "staging views re-read every delivery file when queried, and their only reader is "
        "the incremental int_*_validated table, which holds every staged row and whose "
        "(delivery, line) key is tested; a test on the view would parse every file again",
    ),
    Exception_(
        "fct_test_coverage",
        r"(stg_imw__\w+(, )?)+",
        "the staging views, tested through their int_*_validated tables (see "
        "fct_missing_primary_key_tests)",
    ),
)


# --- The graph ------------------------------------------------------------------------------
@dataclass
class Resource:
    unique_id: str
    name: str
    resource_type: str
    file_path: str
    materialized: str | None = None
    source_name: str | None = None
    parents: list[str] = field(default_factory=list)

    @property
    def directory(self) -> str:
        return str(Path(self.file_path).parent)


@dataclass
class Finding:
    resource: str
    detail: str


@dataclass
class Project:
    manifest: dict[str, Any]
    resources: dict[str, Resource]
    tests: list[dict[str, Any]]
    children: dict[str, list[str]]

    def of_type(self, resource_type: str) -> list[Resource]:
        return sorted(
            (r for r in self.resources.values() if r.resource_type == resource_type),
            key=lambda r: r.name,
        )

    def models(self) -> list[Resource]:
        return self.of_type("model")

    def node(self, unique_id: str) -> dict[str, Any]:
        return self.manifest["nodes"][unique_id]


def load_project(manifest: dict[str, Any]) -> Project:
    """Every node of the project but tests (the evaluator's DAG), with its direct parents."""
    resources: dict[str, Resource] = {}
    tests: list[dict[str, Any]] = []
    for node in manifest["nodes"].values():
        if node["package_name"] != PROJECT:
            continue
        if node["resource_type"] == "test":
            tests.append(node)
            continue
        resources[node["unique_id"]] = Resource(
            unique_id=node["unique_id"],
            name=node["name"],
            resource_type=node["resource_type"],
            file_path=node["original_file_path"],
            materialized=node.get("config", {}).get("materialized"),
            parents=list(node.get("depends_on", {}).get("nodes", [])),
        )
    for source in manifest["sources"].values():
        if source["package_name"] == PROJECT:
            resources[source["unique_id"]] = Resource(
                unique_id=source["unique_id"],
                name=f"{source['source_name']}.{source['name']}",
                resource_type="source",
                file_path=source["original_file_path"],
                source_name=source["source_name"],
            )
    for exposure in manifest["exposures"].values():
        if exposure["package_name"] == PROJECT:
            resources[exposure["unique_id"]] = Resource(
                unique_id=exposure["unique_id"],
                name=exposure["name"],
                resource_type="exposure",
                file_path=exposure["original_file_path"],
                parents=list(exposure.get("depends_on", {}).get("nodes", [])),
            )
    children: dict[str, list[str]] = defaultdict(list)
    for resource in resources.values():
        for parent in resource.parents:
            if parent in resources:
                children[parent].append(resource.unique_id)
    return Project(manifest, resources, tests, children)


def model_type(model: Resource) -> str:
    """The evaluator's model type: by prefix, else by the closest type folder, else other."""
    for kind, prefixes in PREFIXES.items():
        if prefix_of(model.name) in prefixes:
            return kind
    return folder_type(model) or "other"


def prefix_of(name: str) -> str:
    return name.split("_")[0] + "_"


def folder_type(model: Resource) -> str | None:
    """The type of the folder closest to the file (None when no type folder holds it)."""
    for part in reversed(Path(model.file_path).parent.parts):
        for kind, folder in FOLDERS.items():
            if part == folder:
                return kind
    return None


def direct_parents(project: Project, resource: Resource) -> list[Resource]:
    return [project.resources[p] for p in resource.parents if p in project.resources]


def direct_children(project: Project, resource: Resource) -> list[Resource]:
    return [project.resources[c] for c in project.children.get(resource.unique_id, [])]


# --- Modeling -------------------------------------------------------------------------------
def direct_join_to_source(project: Project) -> Iterable[Finding]:
    for model in project.models():
        kinds = {p.resource_type for p in direct_parents(project, model)}
        if {"model", "source"} <= kinds:
            yield Finding(model.name, "reads a source and a model")


def marts_or_intermediate_dependent_on_source(project: Project) -> Iterable[Finding]:
    for model in project.models():
        if model_type(model) in ("marts", "intermediate"):
            for parent in direct_parents(project, model):
                if parent.resource_type == "source":
                    yield Finding(model.name, f"reads source {parent.name}")


def duplicate_sources(project: Project) -> Iterable[Finding]:
    by_relation: dict[str, list[str]] = defaultdict(list)
    for source in project.manifest["sources"].values():
        if source["package_name"] == PROJECT:
            relation = source.get("relation_name") or ".".join(
                str(source.get(k)) for k in ("database", "schema", "identifier")
            )
            by_relation[relation].append(f"{source['source_name']}.{source['name']}")
    for relation, names in sorted(by_relation.items()):
        if len(names) > 1:
            yield Finding(", ".join(sorted(names)), f"all read {relation}")


# The evaluator's regular expressions (macros/find_all_hard_coded_references.sql).
_QUOTE_OPEN, _QUOTE_CLOSE = r"[\[`\"']", r"[\]`\"']"
_PART = rf"{_QUOTE_OPEN}?\w+-?\w*{_QUOTE_CLOSE}?"
_HARD_CODED = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<!distinct\s)(?:from|join)\s+({{\s*var\s*\(\s*['\"]?[^)'\"]+['\"]?\s*\)\s*}})",
        r"(?<!distinct\s)(?:from|join)\s+({{\s*var\s*\(\s*['\"]?[^)'\"]+['\"]?\s*,"
        r"\s*['\"]?[^)'\"]+['\"]?\s*\)\s*}})",
        rf"(?<!distinct\s)(?:from|join)\s+({_PART}\.{_PART})(?=\s|$)",
        rf"(?<!distinct\s)(?:from|join)\s+({_PART}\.{_PART}\.{_PART})(?=\s|$)",
        rf"(?<!distinct\s)(?:from|join)\s+({_QUOTE_OPEN}\w+-?\w+{_QUOTE_CLOSE})(?=\s|$)",
    )
]


def hard_coded_references(project: Project) -> Iterable[Finding]:
    for model in project.models():
        node = project.node(model.unique_id)
        if node.get("language") != "sql":
            continue
        code = re.sub(r"--.*", "", node.get("raw_code") or "")
        found = sorted({m.strip() for rx in _HARD_CODED for m in rx.findall(code)})
        if found:
            yield Finding(model.name, ", ".join(found))


def leaf_models(project: Project) -> set[str]:
    return {
        m.unique_id for m in project.models() if not project.children.get(m.unique_id)
    }


def model_fanout(project: Project) -> Iterable[Finding]:
    leaves = leaf_models(project)
    for parent in sorted(project.resources.values(), key=lambda r: r.name):
        leaf_children = sorted(
            c.name for c in direct_children(project, parent) if c.unique_id in leaves
        )
        if len(leaf_children) >= MODELS_FANOUT_THRESHOLD:
            yield Finding(parent.name, "leaf children " + ", ".join(leaf_children))


def multiple_sources_joined(project: Project) -> Iterable[Finding]:
    for resource in sorted(project.resources.values(), key=lambda r: r.name):
        sources = sorted(
            p.name for p in direct_parents(project, resource) if p.resource_type == "source"
        )
        if len(sources) > 1:
            yield Finding(resource.name, "reads " + ", ".join(sources))


def rejoining_of_upstream_concepts(project: Project) -> Iterable[Finding]:
    """A parent read directly and through a child that exists only to feed the reader."""
    dag = {
        uid: r for uid, r in project.resources.items() if r.resource_type != "exposure"
    }
    for child in sorted(dag.values(), key=lambda r: r.name):
        parents = {p for p in child.parents if p in dag}
        for middle_id in sorted(parents):
            middle = dag[middle_id]
            middle_children = [c for c in project.children.get(middle_id, []) if c in dag]
            if len(middle_children) != 1:
                continue
            for grand in sorted(set(middle.parents) & parents):
                yield Finding(
                    child.name,
                    f"reads {dag[grand].name} directly and through {middle.name}",
                )


def root_models(project: Project) -> Iterable[Finding]:
    spines = {
        uid
        for uid, node in project.manifest["nodes"].items()
        if node["resource_type"] == "model" and node.get("time_spine")
    }
    for model in project.models():
        if model.unique_id not in spines and not direct_parents(project, model):
            yield Finding(model.name, "has no parent (no ref, source or seed)")


def source_fanout(project: Project) -> Iterable[Finding]:
    for source in project.of_type("source"):
        readers = sorted(
            c.name for c in direct_children(project, source) if c.resource_type == "model"
        )
        if len(readers) > 1:
            yield Finding(source.name, "read by " + ", ".join(readers))


def staging_dependent_on_marts_or_intermediate(project: Project) -> Iterable[Finding]:
    for model in project.models():
        if model_type(model) == "staging":
            for parent in direct_parents(project, model):
                if parent.resource_type == "model" and model_type(parent) in (
                    "marts",
                    "intermediate",
                ):
                    yield Finding(model.name, f"reads {parent.name}")


def staging_dependent_on_staging(project: Project) -> Iterable[Finding]:
    for model in project.models():
        if model_type(model) == "staging":
            for parent in direct_parents(project, model):
                if parent.resource_type == "model" and model_type(parent) == "staging":
                    yield Finding(model.name, f"reads {parent.name}")


def unused_sources(project: Project) -> Iterable[Finding]:
    for source in project.of_type("source"):
        if not project.children.get(source.unique_id):
            yield Finding(source.name, "no model reads it")


def too_many_joins(project: Project) -> Iterable[Finding]:
    for model in project.models():
        count = len(set(model.parents))
        if count >= TOO_MANY_JOINS_THRESHOLD:
            yield Finding(model.name, f"{count} direct parents")


# --- Testing --------------------------------------------------------------------------------
def primary_relationship(test: dict[str, Any]) -> str | None:
    """The resource a test belongs to: its attached node, else its last parent."""
    if test.get("attached_node"):
        return str(test["attached_node"])
    parents = test.get("depends_on", {}).get("nodes", [])
    return str(parents[-1]) if parents else None


def tests_by_resource(project: Project) -> dict[str, list[dict[str, Any]]]:
    by_resource: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for test in project.tests:
        owner = primary_relationship(test)
        if owner:
            by_resource[owner].append(test)
    return by_resource


def is_primary_key_tested(node: dict[str, Any], tests: list[dict[str, Any]]) -> bool:
    """The evaluator's rule: per column, all tests of one method, or a unique test and a
    not_null constraint on the same column."""
    by_column: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for test in tests:
        by_column[test.get("column_name")].append(test)
    for column, column_tests in by_column.items():
        macros = [set(t.get("depends_on", {}).get("macros", [])) for t in column_tests]
        for method in PRIMARY_KEY_TEST_MACROS:
            wanted = {f"macro.{m}" for m in method}
            matching = [m for m in macros if m & wanted]
            if len(matching) >= len(method) and wanted <= set().union(*matching):
                return True
        unique = sum("macro.dbt.test_unique" in m for m in macros)
        constraints = node.get("columns", {}).get(column or "", {}).get("constraints", [])
        not_null = any(c.get("type") == "not_null" for c in constraints)
        if unique + int(not_null) >= 2:
            return True
    return False


def missing_primary_key_tests(project: Project) -> Iterable[Finding]:
    by_resource = tests_by_resource(project)
    for model in project.models():
        if not is_primary_key_tested(
            project.node(model.unique_id), by_resource.get(model.unique_id, [])
        ):
            yield Finding(model.name, "no unique + not_null column, no unique combination")


def sources_without_freshness(project: Project) -> Iterable[Finding]:
    for source in project.manifest["sources"].values():
        if source["package_name"] != PROJECT:
            continue
        freshness = source.get("config", {}).get("freshness") or source.get("freshness") or {}
        counts = [
            (freshness.get(k) or {}).get("count") for k in ("warn_after", "error_after")
        ]
        if not any(counts):
            yield Finding(f"{source['source_name']}.{source['name']}", "no freshness")


def test_coverage(project: Project) -> Iterable[Finding]:
    by_resource = tests_by_resource(project)
    models = project.models()
    untested = [m.name for m in models if not by_resource.get(m.unique_id)]
    pct = 100.0 * (len(models) - len(untested)) / max(len(models), 1)
    if pct < TEST_COVERAGE_TARGET:
        yield Finding(
            ", ".join(untested), f"untested: coverage {pct:.1f} % < {TEST_COVERAGE_TARGET:g} %"
        )


# --- Documentation --------------------------------------------------------------------------
def undocumented_models(project: Project) -> Iterable[Finding]:
    for model in project.models():
        if not (project.node(model.unique_id).get("description") or "").strip():
            yield Finding(model.name, "no description")


def documentation_coverage(project: Project) -> Iterable[Finding]:
    models = project.models()
    missing = [f.resource for f in undocumented_models(project)]
    pct = 100.0 * (len(models) - len(missing)) / max(len(models), 1)
    if pct < DOCUMENTATION_COVERAGE_TARGET:
        yield Finding(", ".join(missing), f"coverage {pct:.1f} %")


def _sources(project: Project) -> list[dict[str, Any]]:
    return [s for s in project.manifest["sources"].values() if s["package_name"] == PROJECT]


def undocumented_source_tables(project: Project) -> Iterable[Finding]:
    for source in _sources(project):
        if not (source.get("description") or "").strip():
            yield Finding(f"{source['source_name']}.{source['name']}", "no description")


def undocumented_sources(project: Project) -> Iterable[Finding]:
    for source in _sources(project):
        if not (source.get("source_description") or "").strip():
            yield Finding(source["source_name"], "no source description")


# --- Structure ------------------------------------------------------------------------------
def test_directories(project: Project) -> Iterable[Finding]:
    for test in project.tests:
        owner = primary_relationship(test)
        if not test.get("test_metadata") or owner not in project.resources:
            continue  # singular tests live in tests/ by design
        model = project.resources[owner]
        if model.resource_type != "model":
            continue
        test_directory = str(Path(test["original_file_path"]).parent)
        if test_directory != model.directory:
            yield Finding(test["name"], f"in {test_directory}, model in {model.directory}")


def model_naming_conventions(project: Project) -> Iterable[Finding]:
    spines = {
        uid for uid, n in project.manifest["nodes"].items() if n.get("time_spine")
    }
    for model in project.models():
        kind = model_type(model)
        if model.unique_id not in spines and prefix_of(model.name) not in PREFIXES[kind]:
            yield Finding(model.name, f"a {kind} model needs a prefix {PREFIXES[kind]}")


def source_directories(project: Project) -> Iterable[Finding]:
    for source in project.of_type("source"):
        if (source.source_name or "") not in source.directory:
            yield Finding(source.name, f"defined in {source.file_path}")


def model_directories(project: Project) -> Iterable[Finding]:
    for model in project.models():
        kind = model_type(model)
        if kind == "staging":
            for parent in direct_parents(project, model):
                if parent.resource_type == "source" and (
                    parent.source_name or ""
                ) not in model.directory:
                    yield Finding(model.name, f"not under staging/{parent.source_name}/")
        folder = folder_type(model)
        if folder is not None and folder != kind:
            yield Finding(model.name, f"a {kind} model in a {folder} folder")


# --- Performance ----------------------------------------------------------------------------
def chained_views_dependencies(project: Project) -> Iterable[Finding]:
    """Models reached from a parent through more than the threshold of views/ephemerals."""
    views = {"view", "ephemeral"}

    def longest_view_chain(uid: str, seen: frozenset[str]) -> int:
        resource = project.resources[uid]
        if resource.materialized not in views or uid in seen:
            return 0
        return 1 + max(
            (
                longest_view_chain(p, seen | {uid})
                for p in resource.parents
                if p in project.resources
            ),
            default=0,
        )

    for model in project.models():
        chain = max(
            (longest_view_chain(p, frozenset()) for p in model.parents if p in project.resources),
            default=0,
        )
        if chain > CHAINED_VIEWS_THRESHOLD:
            yield Finding(model.name, f"reads a chain of {chain} views")


def exposure_parents_materializations(project: Project) -> Iterable[Finding]:
    for exposure in project.of_type("exposure"):
        for parent in direct_parents(project, exposure):
            if parent.resource_type == "source" or (
                parent.resource_type == "model"
                and parent.materialized not in ("table", "incremental")
            ):
                yield Finding(exposure.name, f"depends on {parent.name} ({parent.materialized})")


# --- Governance -----------------------------------------------------------------------------
def _access(project: Project, model: Resource) -> str | None:
    node = project.node(model.unique_id)
    return node.get("access") or node.get("config", {}).get("access")


def public_models_without_contract(project: Project) -> Iterable[Finding]:
    for model in project.models():
        node = project.node(model.unique_id)
        enforced = node.get("config", {}).get("contract", {}).get("enforced")
        if _access(project, model) == "public" and not enforced:
            yield Finding(model.name, "public without an enforced contract")


def exposures_dependent_on_private_models(project: Project) -> Iterable[Finding]:
    for exposure in project.of_type("exposure"):
        for parent in direct_parents(project, exposure):
            if parent.resource_type == "model" and _access(project, parent) != "public":
                yield Finding(exposure.name, f"depends on non-public {parent.name}")


def undocumented_public_models(project: Project) -> Iterable[Finding]:
    for model in project.models():
        if _access(project, model) != "public":
            continue
        node = project.node(model.unique_id)
        columns = node.get("columns", {}).values()
        if not (node.get("description") or "").strip() or any(
            not (c.get("description") or "").strip() for c in columns
        ):
            yield Finding(model.name, "model or a column without description")


RULES = {
    "fct_direct_join_to_source": direct_join_to_source,
    "fct_marts_or_intermediate_dependent_on_source": marts_or_intermediate_dependent_on_source,
    "fct_duplicate_sources": duplicate_sources,
    "fct_hard_coded_references": hard_coded_references,
    "fct_model_fanout": model_fanout,
    "fct_multiple_sources_joined": multiple_sources_joined,
    "fct_rejoining_of_upstream_concepts": rejoining_of_upstream_concepts,
    "fct_root_models": root_models,
    "fct_source_fanout": source_fanout,
    "fct_staging_dependent_on_marts_or_intermediate": staging_dependent_on_marts_or_intermediate,
    "fct_staging_dependent_on_staging": staging_dependent_on_staging,
    "fct_unused_sources": unused_sources,
    "fct_too_many_joins": too_many_joins,
    "fct_missing_primary_key_tests": missing_primary_key_tests,
    "fct_sources_without_freshness": sources_without_freshness,
    "fct_test_coverage": test_coverage,
    "fct_undocumented_models": undocumented_models,
    "fct_documentation_coverage": documentation_coverage,
    "fct_undocumented_source_tables": undocumented_source_tables,
    "fct_undocumented_sources": undocumented_sources,
    "fct_test_directories": test_directories,
    "fct_model_naming_conventions": model_naming_conventions,
    "fct_source_directories": source_directories,
    "fct_model_directories": model_directories,
    "fct_chained_views_dependencies": chained_views_dependencies,
    "fct_exposure_parents_materializations": exposure_parents_materializations,
    "fct_public_models_without_contracts": public_models_without_contract,
    "fct_exposures_dependent_on_private_models": exposures_dependent_on_private_models,
    "fct_undocumented_public_models": undocumented_public_models,
}


def exception_for(rule: str, finding: Finding) -> Exception_ | None:
    for exception in EXCEPTIONS:
        if exception.rule == rule and re.fullmatch(exception.resource, finding.resource):
            return exception
    return None


def check(manifest: dict[str, Any]) -> tuple[list[str], int]:
    """Report lines and the number of findings that are not exceptions."""
    project = load_project(manifest)
    lines: list[str] = []
    failures = 0
    for rule, find in RULES.items():
        findings = list(find(project))
        open_ = [f for f in findings if exception_for(rule, f) is None]
        excepted = len(findings) - len(open_)
        status = "ok" if not open_ else f"{len(open_)} finding(s)"
        if excepted:
            status += f", {excepted} accepted by the house style"
        lines.append(f"{rule}: {status}")
        lines.extend(f"    {f.resource}: {f.detail}" for f in open_)
        accepted: dict[str, list[str]] = defaultdict(list)
        for finding in findings:
            exception = exception_for(rule, finding)
            if exception is not None:
                accepted[exception.reason].append(finding.resource)
        for reason, names in accepted.items():
            lines.append(f"    accepted ({', '.join(names)}): {reason}")
        failures += len(open_)
    return lines, failures


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "target/manifest.json")
    if not path.exists():
        print(f"{path}: not found; run `dbt parse` first", file=sys.stderr)
        return 2
    lines, failures = check(json.loads(path.read_text(encoding="utf-8")))
    print("\n".join(lines))
    verdict = "all met" if not failures else f"{failures} finding(s) to fix"
    print(f"dbt-project-evaluator rules (1.3.2, {len(RULES)} rules): {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
