"""The scheduler's command, called as cron calls it: `.venv/bin/imw-pipeline` with the
environment only, its exit code and the last line of its log.

Exit codes (README, operator section): 0 published or nothing to do, 1 other error,
2 delivery refused, 3 dbt build or test failed, 4 locked. The dbt step is the fast
stand-in of conftest (IMW_BUILD_STEP), except in the full-disk test, which builds the
real project into a build store on a small tmpfs.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, pipeline_env, write_delivery

COMMAND = Path(sys.executable).parent / "imw-pipeline"
EDGE = REPO / "tests" / "fixtures" / "deliveries_edge"


def scheduled(env: dict[str, str], *args: str, timeout: float = 300):
    """Run the command as cron would: no shell, no make, cwd the repository."""
    assert COMMAND.exists(), f"{COMMAND} missing: `make venv` installs it (pip install -e .)"
    result = subprocess.run(
        [str(COMMAND), *args], env=env, cwd=REPO, capture_output=True, text=True,
        timeout=timeout,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, lines[-1] if lines else "", result.stdout


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31")
    return pipeline_env(tmp_path, extracts)


def test_published_then_nothing_to_do(env):
    code, last, _ = scheduled(env)
    assert code == 0 and "published" in last
    code, last, _ = scheduled(env)
    assert code == 0 and "nothing to do" in last


def test_refused_delivery_exits_2(env, tmp_path):
    folder = write_delivery(tmp_path / "extracts", "2024-02-29")
    (folder / "mails.csv").write_bytes((folder / "mails.csv").read_bytes() + b"x;y;z;w\r\n")
    code, last, out = scheduled(env)
    assert code == 2, out
    assert "2024-02-29/mails.csv" in out and "nothing published" in last


def test_failed_build_exits_3(env):
    code, last, out = scheduled(dict(env, FAKE_BUILD_FAIL="1"))
    assert code == 3, out
    assert "fake test failure" in out and "nothing published" in last


def test_locked_exits_4(env, tmp_path):
    marker = tmp_path / "started"
    slow = dict(env, FAKE_BUILD_SECONDS="30", FAKE_BUILD_MARKER=str(marker))
    first = subprocess.Popen([str(COMMAND)], env=slow, cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        code, last, _ = scheduled(env)
        assert code == 4 and "another pipeline run holds" in last
    finally:
        first.kill()
        first.wait()


def test_no_complete_delivery_exits_1(tmp_path):
    extracts = tmp_path / "extracts"
    write_delivery(extracts, "2024-01-31", manifest=False)
    code, last, out = scheduled(pipeline_env(tmp_path, extracts))
    assert code == 1, out
    assert "no complete delivery" in out and "nothing published" in last


@contextlib.contextmanager
def small_filesystem(path: Path, size: str):
    path.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.slow
def test_full_disk_says_so_in_the_last_line_and_cleans_up(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(EDGE, extracts)
    env = pipeline_env(tmp_path, extracts, IMW_PROJECT_DIR=str(REPO), DBT_PROFILES_DIR=str(REPO))
    del env["IMW_BUILD_STEP"]
    warehouse = Path(env["IMW_WAREHOUSE_PATH"])
    with small_filesystem(tmp_path / "small", "6m") as small:
        env["IMW_BUILD_STORE"] = str(small / "store")
        code, last, out = scheduled(env)
        assert code == 1, out[-3000:]
        assert "no space left on device" in last, out[-3000:]
        assert "nothing published" in last
        assert not warehouse.exists()
        run_dir = small / "store" / "run"
        assert not (run_dir / "private.new.duckdb").exists()
        assert not list(small.rglob("*.duckdb*"))
