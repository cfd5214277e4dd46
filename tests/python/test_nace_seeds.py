"""The committed NACE seeds are exactly what the pinned bce-codes-to-label package gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from imw.nace_seeds import SEED_COLUMNS, build_seeds, package_version, render_seeds

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "reference"


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_seeds()


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[dict]]:
    return build_seeds()


def pinned(name: str, path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if re.match(rf"{re.escape(name)}==", line)]
    assert len(found) == 1, (path, found)
    return found[0].split("==")[1].strip()


def test_the_installed_package_is_the_pinned_one():
    assert pinned("bce-codes-to-label", REPO / "constraints.txt") == package_version()
    assert pinned("bce-codes-to-label", REPO / "requirements.in") == package_version()


@pytest.mark.parametrize("name", list(SEED_COLUMNS))
def test_committed_seed_equals_the_package(name, rendered):
    committed = (SEEDS / f"{name}.csv").read_text(encoding="utf-8")
    assert committed == rendered[name], (
        f"{name}.csv differs from bce-codes-to-label {package_version()}: "
        "run scripts/generate_nace_seeds.py"
    )


def test_levels_of_nace_bel_2008_are_complete(seeds):
    counts = {name: len(rows) for name, rows in seeds.items()}
    assert counts == {
        "ref_nace_sections": 21,
        "ref_nace_divisions": 88,
        "ref_nace_groups": 272,
        "ref_nace_classes": 615,
        "ref_nace_subclasses": 943,
        "ref_nace_2025_codes": 22 + 87 + 275 + 651 + 977,
    }


def test_codes_the_issue_names(seeds):
    subclasses = {row["subclass_code"]: row for row in seeds["ref_nace_subclasses"]}
    # valid codes the earlier hand-made seed lacked, and one it had that does not exist
    assert subclasses["46900"]["label_nl"] == "Niet-gespecialiseerde groothandel"
    assert subclasses["47191"]["division_code"] == "47"
    assert subclasses["01301"]["label_nl"] == "Boomkwekerijen, m.u.v. bosboomkwekerijen"
    assert "01300" not in subclasses and "99999" not in subclasses
    # the official label, not the deck's "Gemeentelijke overheid en O.C.M.W."
    assert (
        subclasses["84114"]["label_nl"]
        == "Gemeentelijke overheid, met uitzondering van het O.C.M.W."
    )
    divisions = {row["division_code"]: row for row in seeds["ref_nace_divisions"]}
    assert "99" in divisions and "04" not in divisions
    assert divisions["86"]["section_code"] == "Q"
    sections = {row["section_code"]: row["label_nl"] for row in seeds["ref_nace_sections"]}
    assert sections["Q"] == "Menselijke gezondheidszorg en maatschappelijke dienstverlening"
    assert sections["E"] == "Distributie van water; afval- en afvalwaterbeheer en sanering"


def test_labels_have_no_stray_whitespace(seeds):
    for name, rows in seeds.items():
        for row in rows:
            for column, value in row.items():
                if column.startswith("label_"):
                    assert value and value == " ".join(value.split()), (name, row)


def test_2025_sections_follow_nace_rev_2_1(seeds):
    rows = seeds["ref_nace_2025_codes"]
    division_section = {r["code"]: r["section_code"] for r in rows if r["level"] == "2"}
    assert division_section["86"] == "R" and division_section["84"] == "P"
    assert division_section["62"] == "K" and division_section["99"] == "V"
    for row in rows:
        if row["level"] in ("3", "4", "5"):
            assert division_section[row["division_code"]] == row["section_code"], row


def test_seed_yaml_lists_every_column():
    """Every generated column has a column type in _reference__seeds.yml."""
    text = (SEEDS / "_reference__seeds.yml").read_text(encoding="utf-8")
    for name, columns in SEED_COLUMNS.items():
        block = text.split(f"  - name: {name}\n", 1)[1].split("\n  - name: ", 1)[0]
        for column in columns:
            assert f"        {column}: " in block, (name, column)


def test_script_check_mode_passes():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_nace_seeds.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr

