"""The pre-commit configuration runs only this venv's own checkers (nothing to download),
and they are the checks `make lint` runs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _hooks() -> list[dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_every_hook_is_local_and_runs_a_venv_binary():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in _hooks():
        assert hook["language"] == "system", hook["id"]  # no environment to install
        binary = hook["entry"].split()[0]
        assert binary.startswith(".venv/bin/"), hook["id"]
        assert (REPO / binary).exists(), binary


def test_hooks_are_ruff_sqlfluff_and_mypy_over_what_make_lint_checks():
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert set(hooks) == {"ruff", "sqlfluff", "mypy"}
    assert hooks["ruff"]["entry"] == ".venv/bin/ruff check src scripts tests/python"
    assert hooks["sqlfluff"]["entry"] == ".venv/bin/sqlfluff lint models macros tests analyses"
    assert all(hook["pass_filenames"] is False for hook in hooks.values())
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert lint is not None
    # pre-commit's cache inside the git-ignored target/, so a run writes nothing elsewhere
    assert "PRE_COMMIT_HOME=$(CURDIR)/target/pre-commit" in lint.group(1)
    assert "pre-commit run --all-files" in lint.group(1)


def test_mypy_checks_src_strictly():
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "src" in config["files"]
    strict = next(o for o in config["overrides"] if "imw.*" in o["module"])
    for flag in ("disallow_untyped_defs", "disallow_any_generics", "warn_return_any"):
        assert strict[flag] is True, flag
