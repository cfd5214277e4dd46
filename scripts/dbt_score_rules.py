"""Rule filters for dbt-score that encode this project's conventions.

dbt-score loads this module through `rule_namespaces` in pyproject.toml
(`[tool.dbt-score]`); a rule configured there with `rule_filter_names` is evaluated only
on the items these filters let through.
"""

import re

from dbt_score import Macro, Model, rule_filter

# `default__x`, `duckdb__x`, `spark__x`: the adapter implementations of a dispatched macro.
_ADAPTER_IMPLEMENTATION = re.compile(r"^[a-z0-9]+__")
# The interface the users query (shared/spec/warehouse-interface.md).
_INTERFACE_FOLDERS = ("models/marts/", "models/reporting/")


@rule_filter
def is_not_adapter_implementation(macro: Macro) -> bool:
    """Macros that are not the adapter implementation of a dispatched macro.

    The dispatcher `x` is the macro the models call and the one documented in
    macros/_macros.yml; `default__x` and `duckdb__x` beside it in the same file are its
    implementations, which dbt docs list under the dispatcher's file.
    """
    return _ADAPTER_IMPLEMENTATION.match(macro.name) is None


@rule_filter
def is_interface_model(model: Model) -> bool:
    """Models of the published interface that BI developers and analysts query."""
    return model.original_file_path.startswith(_INTERFACE_FOLDERS)
