"""Write-audit-publish mechanics for the DuckDB warehouse file.

The published file (`IMW_WAREHOUSE_PATH`) is never opened for writing. A build writes a
new file `<warehouse dir>/build/<name>.new.duckdb` (a copy of the published file for an
incremental run, an empty file for a full refresh); only when every step is green does
`publish()` swap it in:

1. `fsync` the new file;
2. hard-link the published file to `<warehouse>.previous` (one generation back; no copy,
   and no moment at which the published path is missing);
3. `os.replace(new, published)`: an atomic rename on the same filesystem;
4. `fsync` the directory.

A BI reader that holds the published file open (`duckdb.connect(path, read_only=True)`)
keeps reading the old inode, a consistent view; it sees the new version when it
reconnects. A failed or killed build leaves only files under `build/`, which the next
run removes before it starts.

Two runs never overlap: `RunLock` takes a non-blocking `fcntl.flock` on `<warehouse>.lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from pathlib import Path

import duckdb

STATE_SCHEMA = "audit"
DELIVERIES_TABLE = f"{STATE_SCHEMA}.pipeline_deliveries"
BUILD_TABLE = f"{STATE_SCHEMA}.pipeline_build"


class Locked(Exception):
    """Another run holds the lock."""


class PublishError(Exception):
    """The warehouse cannot be published or rolled back safely."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def previous_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".previous")


def build_dir(warehouse: Path) -> Path:
    return warehouse.parent / "build"


def build_path(warehouse: Path) -> Path:
    return build_dir(warehouse) / f"{warehouse.stem}.new{warehouse.suffix or '.duckdb'}"


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


class RunLock:
    """Exclusive, non-blocking lock for one pipeline run (released when the process dies)."""

    def __init__(self, warehouse: Path):
        self.path = lock_path(warehouse)
        self.fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            with contextlib.suppress(OSError):
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise Locked(
                f"another pipeline run holds {self.path}"
                + (f" ({holder})" if holder else "")
                + "; not starting a second one"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(
            fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%dT%H:%M:%S%z')}".encode(), 0
        )
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing releases the flock
            self.fd = None


def clean_leftovers(warehouse: Path) -> list[Path]:
    """Remove what a failed or killed build left in build/ (call only under the lock)."""
    removed = []
    target = build_path(warehouse)
    for path in (target, wal_path(target)):
        if path.exists():
            path.unlink()
            removed.append(path)
    for stray in build_dir(warehouse).glob(f"{warehouse.name}.*.tmp"):
        stray.unlink()
        removed.append(stray)
    for stray in warehouse.parent.glob(f"{warehouse.name}.*.tmp"):
        stray.unlink()
        removed.append(stray)
    return removed


def check_published(warehouse: Path) -> None:
    """Refuse to work on a published file that some other writer has left a WAL for."""
    if wal_path(warehouse).exists():
        raise PublishError(
            f"{wal_path(warehouse)} exists: some process opened the published file for "
            "writing (a bare `dbt build`?). Close it and let DuckDB checkpoint, or remove "
            "the .wal if that writer is gone, then run again."
        )


def start_build(warehouse: Path, incremental: bool) -> Path:
    """Create the new build file: a copy of the published file, or nothing (full refresh)."""
    target = build_path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in (target, wal_path(target)):
        if path.exists():
            path.unlink()
    if incremental:
        # A plain read of the published file: readers are not disturbed.
        shutil.copyfile(warehouse, target)
    return target


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_readable(db: Path) -> None:
    """Open read-only and run a query: the file is a complete DuckDB database."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("select count(*) from information_schema.tables").fetchone()
    finally:
        con.close()


def publish(new: Path, warehouse: Path) -> None:
    """Swap the new build in atomically, keeping one previous generation."""
    if wal_path(new).exists():
        raise PublishError(f"{new} still has a WAL: it was not checkpointed and closed")
    verify_readable(new)
    _fsync_file(new)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    if warehouse.exists():
        tmp = warehouse.with_name(warehouse.name + ".previous.tmp")
        if tmp.exists():
            tmp.unlink()
        try:
            os.link(warehouse, tmp)
        except OSError:  # filesystem without hard links
            shutil.copyfile(warehouse, tmp)
        os.replace(tmp, previous_path(warehouse))
    os.replace(new, warehouse)
    _fsync_dir(warehouse.parent)


def rollback(warehouse: Path) -> None:
    """Publish <warehouse>.previous again; the rolled-back file goes to <warehouse>.rolled-back."""
    previous = previous_path(warehouse)
    if not previous.exists():
        raise PublishError(f"no previous version to roll back to: {previous} does not exist")
    verify_readable(previous)
    tmp = warehouse.with_name(warehouse.name + ".rollback.tmp")
    if tmp.exists():
        tmp.unlink()
    shutil.copyfile(previous, tmp)
    _fsync_file(tmp)
    if warehouse.exists():
        aside = warehouse.with_name(warehouse.name + ".rolled-back.tmp")
        if aside.exists():
            aside.unlink()
        os.link(warehouse, aside)
        os.replace(aside, warehouse.with_name(warehouse.name + ".rolled-back"))
    os.replace(tmp, warehouse)
    _fsync_dir(warehouse.parent)


def read_state(warehouse: Path) -> dict | None:
    """What the published file was built from, or None (no file, or built without state)."""
    if not warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        deliveries = dict(
            con.execute(
                f"select delivery, manifest_sha256 from {DELIVERIES_TABLE} order by delivery"
            ).fetchall()
        )
        row = con.execute(f"select fingerprint from {BUILD_TABLE}").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    fingerprint = json.loads(row[0]) if row else {}
    return {"deliveries": deliveries, "fingerprint": fingerprint}


def write_state(db: Path, deliveries: dict[str, str], fingerprint: dict, extra: dict) -> None:
    """Record in the build file what it was built from, then checkpoint and close."""
    con = duckdb.connect(str(db))
    try:
        con.execute(f"create schema if not exists {STATE_SCHEMA}")
        con.execute(
            f"create or replace table {DELIVERIES_TABLE} "
            "(delivery varchar primary key, manifest_sha256 varchar not null)"
        )
        con.executemany(f"insert into {DELIVERIES_TABLE} values (?, ?)", sorted(deliveries.items()))
        con.execute(
            f"create or replace table {BUILD_TABLE} (fingerprint varchar, "
            "full_refresh boolean, built_at timestamp, gate_seconds double, "
            "build_seconds double)"
        )
        con.execute(
            f"insert into {BUILD_TABLE} values (?, ?, current_timestamp, ?, ?)",
            [
                json.dumps(fingerprint, sort_keys=True),
                extra.get("full_refresh"),
                extra.get("gate_seconds"),
                extra.get("build_seconds"),
            ],
        )
        con.execute("checkpoint")
    finally:
        con.close()
