"""Deliveries are immutable: every run checks the sha256 of every file of every complete
delivery and that no delivery folder holds a file its manifest does not list
(imw.gate.integrity), and refuses a published delivery that changed, on the "nothing to
do" path and with --full-refresh --force too. The pipeline runs use conftest.fake_build
(seconds); test_bad_input.py runs the same refusal after a real dbt build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import pipeline_env, run_pipeline, write_delivery
from imw.gate import REFUSE, spec, verify_deliveries
from imw.gate.structure import check_delivery


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_deliveries(tmp_path: Path) -> Path:
    root = tmp_path / "extracts"
    write_delivery(root, "2024-01-31")
    write_delivery(root, "2024-02-29")
    return root


def folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob(f"*/{spec.MANIFEST}"))


def test_unchanged_deliveries_pass_and_every_byte_is_hashed(two_deliveries: Path):
    check = verify_deliveries(folders(two_deliveries))
    assert check.findings == []
    assert (check.deliveries, check.files) == (2, 12)
    assert check.bytes == sum(p.stat().st_size for p in two_deliveries.glob("*/*.csv"))


def test_a_changed_file_of_an_accepted_delivery_is_named_with_the_mismatch(two_deliveries):
    path = two_deliveries / "2024-01-31" / "organisaties.csv"
    before = sha256(path)
    path.write_bytes(path.read_bytes().replace(b"Gent", b"Genk"))  # same size, same rows
    [finding] = verify_deliveries(folders(two_deliveries), accepted=["2024-01-31"]).findings
    assert str(finding) == (
        f"{REFUSE} 2024-01-31/organisaties.csv: changed after the delivery was accepted "
        f"(deliveries are immutable): sha256 mismatch: manifest {before}, file {sha256(path)}"
    )
    [new] = verify_deliveries(folders(two_deliveries)).findings  # not accepted before
    assert new.problem == f"sha256 mismatch: manifest {before}, file {sha256(path)}"


def test_unlisted_entries_are_refused_hidden_files_and_sub_folders_too(two_deliveries):
    folder = two_deliveries / "2024-02-29"
    (folder / "aanvragen (1).csv").write_bytes(b"a second version?")
    (folder / ".aanvragen.csv.swp").write_bytes(b"an editor's swap file")
    (folder / "old").mkdir()
    (folder / "old" / "aanvragen.csv").write_bytes(b"an older version")
    expected = [
        f"{REFUSE} 2024-02-29/.aanvragen.csv.swp: hidden file in the delivery folder that "
        "the manifest does not list",
        f"{REFUSE} 2024-02-29/aanvragen (1).csv: file in the delivery folder that the "
        "manifest does not list",
        f"{REFUSE} 2024-02-29/old/: sub-folder in the delivery folder, not listed in the "
        "manifest",
    ]
    check = verify_deliveries(folders(two_deliveries))
    assert [str(f) for f in check.findings] == expected
    # the gate's structural check of a delivery refuses the same
    gate = [str(f) for f in check_delivery(folder).findings if f.severity == REFUSE]
    assert gate == expected


def test_a_listed_file_that_is_gone_is_refused(two_deliveries: Path):
    (two_deliveries / "2024-01-31" / "mails.csv").unlink()
    [finding] = verify_deliveries(folders(two_deliveries)).findings
    assert (finding.delivery, finding.file) == ("2024-01-31", "mails.csv")
    assert finding.problem == "file missing from the delivery folder"


def test_one_thread_and_several_threads_find_the_same(two_deliveries: Path):
    for name in ("2024-01-31", "2024-02-29"):
        path = two_deliveries / name / "aanvragen.csv"
        path.write_bytes(path.read_bytes() + b"x")
    one = verify_deliveries(folders(two_deliveries), threads=1)
    four = verify_deliveries(folders(two_deliveries), threads=4)
    assert [str(f) for f in one.findings] == [str(f) for f in four.findings]
    assert len(one.findings) == 2 and one.bytes == four.bytes


def test_pipeline_refuses_a_changed_published_delivery_on_every_run(tmp_path: Path):
    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31")
    env = pipeline_env(tmp_path, extracts)
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    assert run_pipeline(env).returncode == 0
    published = sha256(warehouse)
    path = extracts / "2024-01-31" / "afrekeningen.csv"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"1.234,56", b"1.234,65"))  # manifest untouched
    for args in ([], ["--full-refresh", "--force"], ["--all"], ["--gate-only"]):
        result = run_pipeline(env, *args)
        assert result.returncode == 2, (args, result.stdout + result.stderr)
        assert (
            "REFUSE 2024-01-31/afrekeningen.csv: changed after the delivery was accepted "
            "(deliveries are immutable): sha256 mismatch: manifest "
        ) in result.stdout, args
        assert "nothing to do" not in result.stdout and "building into" not in result.stdout
        assert sha256(warehouse) == published
    (extracts / "2024-01-31" / "notes.txt").write_text("remarks of the source")
    path.write_bytes(original)
    result = run_pipeline(env)
    assert result.returncode == 2
    assert (
        "REFUSE 2024-01-31/notes.txt: file in the delivery folder that the manifest does not "
        "list (accepted before: deliveries are immutable)"
    ) in result.stdout
    (extracts / "2024-01-31" / "notes.txt").unlink()
    result = run_pipeline(env)
    assert result.returncode == 0 and "nothing to do" in result.stdout, result.stdout
    assert "delivery check: sha256 of 6 files" in result.stdout
    assert sha256(warehouse) == published
