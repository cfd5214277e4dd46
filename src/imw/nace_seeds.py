"""The NACE-BEL seeds, generated from the KBO's own code tables.

The source of truth is the PyPI package ``bce-codes-to-label`` (pinned in
requirements.in / constraints.txt), whose ``data/nace.json`` holds the KBO/BCE code
tables of NACE-BEL 2003, 2008 and 2025. Every entry has a ``version``, a ``level``
(1 section, 2 division, 3 group, 4 class, 5 subclass, 7 one of the numbered activity
descriptions that make up a subclass: subclass code + two digits, e.g. 01.19101
"Teelt van bloemen en snijbloemen" under 01.191; these are explanatory items, not codes
an organisation is registered under, and are not seeded), Dutch, French, German and
English labels, ``valid_from``/``valid_to`` and its ``parent``.

``scripts/generate_nace_seeds.py`` writes the seeds; ``tests/python/test_nace_seeds.py``
regenerates them in memory and checks that the committed files are exactly this output.

What the seeds take from the package as is: every code, its parent, its validity dates
and its labels (Dutch, French, English; German is left out: nobody reads it here, and
its section labels cannot be sentence-cased mechanically). What this module adds:

- whitespace in labels is collapsed (the package keeps the double spaces of line breaks
  in the source spreadsheet: "kurk,  exclusief");
- section labels come upper-case with a prefix ("SECTIE Q -- MENSELIJKE ..."): the
  prefix is removed and the label sentence-cased; three Dutch words that the source
  spreadsheet hyphenated at a line break are joined again (``_NL_SECTION_LINE_BREAKS``);
- the section of a division: the package gives divisions no parent, so the division
  ranges of each section (fixed by NACE Rev. 2 for 2008 and NACE Rev. 2.1 for 2025) are
  written here, and checked to cover every division of the package exactly once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

PACKAGE = "bce_codes_to_label"
LANGUAGES = ("nl", "fr", "en")

# Sections by their first and last division (NACE Rev. 2 / Rev. 2.1, the EU regulations
# NACE-BEL 2008 and 2025 are built on).
SECTION_DIVISIONS: dict[str, dict[str, tuple[int, int]]] = {
    "2008": {
        "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39),
        "F": (41, 43), "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63),
        "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82), "O": (84, 84),
        "P": (85, 85), "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98),
        "U": (99, 99),
    },
    "2025": {
        "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39),
        "F": (41, 43), "G": (46, 47), "H": (49, 53), "I": (55, 56), "J": (58, 60),
        "K": (61, 63), "L": (64, 66), "M": (68, 68), "N": (69, 75), "O": (77, 82),
        "P": (84, 84), "Q": (85, 85), "R": (86, 88), "S": (90, 93), "T": (94, 96),
        "U": (97, 98), "V": (99, 99),
    },
}

# Dutch 2008 section labels with a hyphen the source spreadsheet put at a line break.
_NL_SECTION_LINE_BREAKS = {
    "AFVAL-WATERBEHEER": "AFVALWATERBEHEER",
    "MAATSCHAP-PELIJKE": "MAATSCHAPPELIJKE",
    "NIET-GEDIFFE-RENTIEERDE": "NIET-GEDIFFERENTIEERDE",
}
_SECTION_PREFIX = re.compile(r"^(SECTIE|SECTION)\s+[A-Z]\s*-*\s*")

LEVEL_NAMES = {1: "section", 2: "division", 3: "group", 4: "class", 5: "subclass"}

# Seed name -> its columns, in file order.
SEED_COLUMNS: dict[str, list[str]] = {
    "ref_nace_sections": ["section_code", *(f"label_{lang}" for lang in LANGUAGES)],
    "ref_nace_divisions": [
        "division_code",
        "section_code",
        *(f"label_{lang}" for lang in LANGUAGES),
        "valid_from",
        "valid_to",
    ],
    "ref_nace_groups": [
        "group_code",
        "group_code_dotted",
        "division_code",
        *(f"label_{lang}" for lang in LANGUAGES),
        "valid_from",
        "valid_to",
    ],
    "ref_nace_classes": [
        "class_code",
        "class_code_dotted",
        "group_code",
        "division_code",
        *(f"label_{lang}" for lang in LANGUAGES),
        "valid_from",
        "valid_to",
    ],
    "ref_nace_subclasses": [
        "subclass_code",
        "subclass_code_dotted",
        "class_code",
        "group_code",
        "division_code",
        *(f"label_{lang}" for lang in LANGUAGES),
        "valid_from",
        "valid_to",
    ],
    "ref_nace_2025_codes": [
        "code",
        "code_dotted",
        "level",
        "level_name",
        "parent_code",
        "section_code",
        "division_code",
        *(f"label_{lang}" for lang in LANGUAGES),
    ],
}


def package_codes() -> dict[str, dict[str, Any]]:
    """The package's NACE entries, keyed '<version>:<code>'."""
    text = resources.files(PACKAGE).joinpath("data", "nace.json").read_text(encoding="utf-8")
    codes: dict[str, dict[str, Any]] = json.loads(text)["codes"]
    return codes


def package_version() -> str:
    from importlib.metadata import version

    return version("bce-codes-to-label")


def _clean(label: str) -> str:
    return " ".join(label.split())


def _section_label(label: str, lang: str, version: str) -> str:
    text = _clean(_SECTION_PREFIX.sub("", label))
    if lang == "nl" and version == "2008":
        for broken, joined in _NL_SECTION_LINE_BREAKS.items():
            text = text.replace(broken, joined)
    return text[:1].upper() + text[1:].lower()


def _entries(
    codes: dict[str, dict[str, Any]], version: str, level: int
) -> list[dict[str, Any]]:
    found = [e for e in codes.values() if e["version"] == version and e["level"] == level]
    return sorted(found, key=lambda e: e["value"])


def _undotted(dotted: str | None) -> str:
    return (dotted or "").replace(".", "")


def _section_of(version: str) -> dict[str, str]:
    """Division code -> section letter for one version."""
    return {
        f"{division:02d}": section
        for section, (first, last) in SECTION_DIVISIONS[version].items()
        for division in range(first, last + 1)
    }


def _labels(entry: dict[str, Any], section: bool = False) -> dict[str, str]:
    return {
        f"label_{lang}": (
            _section_label(entry[f"label_{lang}"], lang, entry["version"])
            if section
            else _clean(entry[f"label_{lang}"])
        )
        for lang in LANGUAGES
    }


def _validity(entry: dict[str, Any]) -> dict[str, str]:
    return {"valid_from": entry["valid_from"] or "", "valid_to": entry["valid_to"] or ""}


def _check_sections(codes: dict[str, dict[str, Any]], version: str) -> dict[str, str]:
    section_of = _section_of(version)
    divisions = {e["value"] for e in _entries(codes, version, 2)}
    sections = {e["value"] for e in _entries(codes, version, 1)}
    # Every section of the package has divisions, and every division one known section.
    assert sections == set(SECTION_DIVISIONS[version]), (version, sections)
    assert divisions <= set(section_of), (version, divisions - set(section_of))
    assert {section_of[d] for d in divisions} == sections, version
    return section_of


def build_2008(codes: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """The five NACE-BEL 2008 seeds: sections, divisions, groups, classes, subclasses."""
    section_of = _check_sections(codes, "2008")
    seeds: dict[str, list[dict[str, str]]] = {
        "ref_nace_sections": [
            {"section_code": e["value"], **_labels(e, section=True)}
            for e in _entries(codes, "2008", 1)
        ],
        "ref_nace_divisions": [
            {
                "division_code": e["value"],
                "section_code": section_of[e["value"]],
                **_labels(e),
                **_validity(e),
            }
            for e in _entries(codes, "2008", 2)
        ],
        "ref_nace_groups": [
            {
                "group_code": e["value"],
                "group_code_dotted": e["value_dot"],
                "division_code": _undotted(e["parent"]),
                **_labels(e),
                **_validity(e),
            }
            for e in _entries(codes, "2008", 3)
        ],
        "ref_nace_classes": [
            {
                "class_code": e["value"],
                "class_code_dotted": e["value_dot"],
                "group_code": _undotted(e["parent"]),
                "division_code": e["value"][:2],
                **_labels(e),
                **_validity(e),
            }
            for e in _entries(codes, "2008", 4)
        ],
        "ref_nace_subclasses": [
            {
                "subclass_code": e["value"],
                "subclass_code_dotted": e["value_dot"],
                "class_code": _undotted(e["parent"]),
                "group_code": e["value"][:3],
                "division_code": e["value"][:2],
                **_labels(e),
                **_validity(e),
            }
            for e in _entries(codes, "2008", 5)
        ],
    }
    _check_hierarchy(seeds)
    return seeds


def _check_hierarchy(seeds: dict[str, list[dict[str, str]]]) -> None:
    """Each code starts with its parent's code, and every parent exists."""
    groups = {r["group_code"] for r in seeds["ref_nace_groups"]}
    classes = {r["class_code"] for r in seeds["ref_nace_classes"]}
    divisions = {r["division_code"] for r in seeds["ref_nace_divisions"]}
    for row in seeds["ref_nace_groups"]:
        assert row["group_code"][:2] == row["division_code"] in divisions, row
    for row in seeds["ref_nace_classes"]:
        assert row["class_code"][:3] == row["group_code"] in groups, row
    for row in seeds["ref_nace_subclasses"]:
        assert row["subclass_code"][:4] == row["class_code"] in classes, row
        assert len(row["subclass_code"]) == 5 and row["subclass_code"].isdigit(), row


def build_2025(codes: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """NACE-BEL 2025, all five levels in one seed, for the later 2008 -> 2025 bridge."""
    section_of = _check_sections(codes, "2025")
    rows = []
    for level in (1, 2, 3, 4, 5):
        for e in _entries(codes, "2025", level):
            code = e["value"]
            rows.append(
                {
                    "code": code,
                    "code_dotted": e["value_dot"],
                    "level": str(level),
                    "level_name": LEVEL_NAMES[level],
                    "parent_code": section_of[code] if level == 2 else _undotted(e["parent"]),
                    "section_code": code if level == 1 else section_of[code[:2]],
                    "division_code": "" if level == 1 else code[:2],
                    **_labels(e, section=level == 1),
                }
            )
    return rows


def build_seeds(
    codes: dict[str, dict[str, Any]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Every NACE seed, name -> rows, from the installed package."""
    codes = package_codes() if codes is None else codes
    seeds = build_2008(codes)
    seeds["ref_nace_2025_codes"] = build_2025(codes)
    return seeds


def render_csv(columns: list[str], rows: Iterable[dict[str, str]]) -> str:
    """A seed file's text: header, one line per row, LF line ends, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def render_seeds(codes: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """Seed name -> file text."""
    return {
        name: render_csv(SEED_COLUMNS[name], rows) for name, rows in build_seeds(codes).items()
    }
