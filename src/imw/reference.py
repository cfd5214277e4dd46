"""The reference seeds (`seeds/reference/*.csv`) as Python reads them.

The seeds are the one copy of the code lists and their attributes: dbt loads them into the
warehouse, and the Python side (the delivery gate's code lists and premium-type labels,
the independent figure checks' labels) reads the same files through this module instead
of keeping a second list.
"""

from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def project_dir() -> Path:
    """The dbt project whose seeds count (default: this repository; env IMW_PROJECT_DIR)."""
    value = os.environ.get("IMW_PROJECT_DIR")
    return Path(value).expanduser().resolve() if value else REPO


def seeds_dir(project: Path | None = None) -> Path:
    """The folder of the reference seeds of `project` (default: project_dir())."""
    return (project or project_dir()) / "seeds" / "reference"


@functools.cache
def _read(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


def read_seed(name: str, project: Path | None = None) -> list[dict[str, str]]:
    """The rows of seed `name` (without `.csv`), every value as text, in file order.

    Each file is read once per process (the seeds do not change while a run reads them).
    """
    return [dict(row) for row in _read(seeds_dir(project) / f"{name}.csv")]


def codes(name: str, column: str, project: Path | None = None) -> list[str]:
    """The values of `column` of seed `name`, in file order: a code list."""
    return [row[column] for row in read_seed(name, project)]


def normalise_label(text: str) -> str:
    """A premium-type label as the seed `ref_premium_type_labels` lists it: lower case,
    single spaces, no leading or trailing space."""
    return " ".join(text.split()).lower()


def premium_type_labels(project: Path | None = None) -> dict[str, str]:
    """Normalised label (`normalise_label`) -> premium-type code, codes included
    (`lp` -> LP): every spelling the source may use for a premium type."""
    return {
        normalise_label(row["source_label_normalised"]): row["premium_type_code"]
        for row in read_seed("ref_premium_type_labels", project)
    }
