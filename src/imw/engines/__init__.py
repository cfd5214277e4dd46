"""The engines the warehouse runs on: DuckDB (default) and Apache Spark (`IMW_ENGINE=spark`)."""

from __future__ import annotations

import os

ENGINE_VARIABLE = "IMW_ENGINE"
ENGINES = ("duckdb", "spark")


class EngineError(Exception):
    """The engine named by the environment is unknown or cannot start."""


def engine() -> str:
    """The engine of this run: env IMW_ENGINE (duckdb or spark), duckdb when unset."""
    name = (os.environ.get(ENGINE_VARIABLE) or "duckdb").strip().lower()
    if name not in ENGINES:
        raise EngineError(f"{ENGINE_VARIABLE}={name!r}: expected one of {', '.join(ENGINES)}")
    return name
