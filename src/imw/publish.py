"""Write-audit-publish with two stores: a private build store and the published file.

The **private build store** (a folder, mode 0700, its files 0600; default
`<warehouse dir>/<warehouse stem>.private/`, env `IMW_BUILD_STORE`) holds everything a build
needs, personal data and delivery paths included:

    private.duckdb             the last green build: staging, intermediate, marts, ...,
                               lineage, quarantine with raw text, pipeline state
    private.duckdb.previous    the one before (for --rollback)
    dbt-partial_parse.msgpack  dbt's parse cache, so that a run does not parse the
                               project again
    run/                       the current run: private.new.duckdb (the build), dbt's
                               target/ and logs/; kept after a failed run for the operator,
                               removed after a successful publish

The **published file** (`IMW_WAREHOUSE_PATH`) holds the interface and nothing else (schemas
`marts`, `reporting`, `audit`, `reference`, `semantic`: see `imw.interface`), as tables: no
view, no delivery path, no key. It is never opened for writing. A run:

1. copies `private.duckdb` to `run/private.new.duckdb` (incremental) or starts empty;
2. builds and tests into it (dbt);
3. writes the interface into a new file next to the published one
   (`<warehouse>.new.tmp`) and checks it holds only the interface;
4. publishes: hard-links the published file to `<warehouse>.previous`, renames the new
   file over it (atomic on one filesystem) and fsyncs the directory; then the same for
   `private.duckdb`.

A BI reader that holds the published file open keeps reading the old inode, a consistent
view; it sees the new version when it reconnects. A failed or killed build leaves only
files under `run/` and `*.tmp`, which the next run removes before it starts. A crash
between the two renames leaves a published file and a build store of different builds:
the build ids in both say so, and the next run rebuilds from nothing.

Two runs never overlap: `RunLock` takes a non-blocking `fcntl.flock` on `<warehouse>.lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from imw import interface

PRIVATE_NAME = "private.duckdb"
PARTIAL_PARSE = "partial_parse.msgpack"  # dbt's parse cache in its target folder
# The pipeline's own record in the build store (never published as such).
STATE_SCHEMA = "pipeline"
DELIVERIES_TABLE = f"{STATE_SCHEMA}.deliveries"
BUILD_TABLE = f"{STATE_SCHEMA}.build"


class Locked(Exception):
    """Another run holds the lock."""


class PublishError(Exception):
    """The warehouse cannot be published or rolled back safely."""


@dataclass(frozen=True)
class Stores:
    """Where the published file, its private build store and a run's files live."""

    published: Path
    private: Path

    @classmethod
    def for_warehouse(cls, published: Path, private: Path | None = None) -> Stores:
        return cls(published, private or published.parent / f"{published.stem}.private")

    @property
    def private_db(self) -> Path:
        return self.private / PRIVATE_NAME

    @property
    def private_previous(self) -> Path:
        return self.private / (PRIVATE_NAME + ".previous")

    @property
    def run_dir(self) -> Path:
        return self.private / "run"

    @property
    def build_db(self) -> Path:
        return self.run_dir / "private.new.duckdb"

    @property
    def dbt_target(self) -> Path:
        return self.run_dir / "dbt-target"

    @property
    def parse_cache(self) -> Path:
        """dbt's partial-parse cache, kept between successful runs."""
        return self.private / ("dbt-" + PARTIAL_PARSE)

    @property
    def dbt_logs(self) -> Path:
        return self.run_dir / "dbt-logs"

    @property
    def interface_db(self) -> Path:
        """The new published file while it is written: next to the published file, so
        that the rename that publishes it stays on one filesystem."""
        return self.published.with_name(self.published.name + ".new.tmp")

    @property
    def lock(self) -> Path:
        return self.published.with_name(self.published.name + ".lock")

    @property
    def previous(self) -> Path:
        return previous_path(self.published)


def previous_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".previous")


def rolled_back_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".rolled-back")


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


class RunLock:
    """Exclusive, non-blocking lock for one pipeline run (released when the process dies)."""

    def __init__(self, path: Path):
        self.path = path
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

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing releases the flock
            self.fd = None


# --- the private build store ---------------------------------------------------------


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Files created inside the block are 0600 and folders 0700 (umask 077)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def secure_store(stores: Stores) -> None:
    """Create the build store if needed and make it private: folders 0700, files 0600."""
    with private_files():
        stores.private.mkdir(parents=True, exist_ok=True)
    for root, dirs, files in os.walk(stores.private):
        os.chmod(root, stat.S_IRWXU)
        for name in dirs:
            os.chmod(os.path.join(root, name), stat.S_IRWXU)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def clean_stray_files(stores: Stores) -> list[Path]:
    """Remove the temporary files an interrupted publish or rollback left (`*.tmp` next to
    the published file and in the build store); call only under the lock."""
    removed = []
    strays = [
        *stores.published.parent.glob(f"{stores.published.name}.*.tmp"),
        *stores.private.glob("*.tmp"),
    ]
    for stray in strays:
        if stray.is_dir() and not stray.is_symlink():
            shutil.rmtree(stray)
        else:
            stray.unlink()
        removed.append(stray)
    return removed


def clean_run(stores: Stores) -> None:
    """Remove the run folder before a new build: the last run's dbt target and logs (kept
    after a failure for the operator) and any partial build."""
    shutil.rmtree(stores.run_dir, ignore_errors=True)


def check_published(stores: Stores) -> None:
    """Refuse to work on a published file that some other writer has left a WAL for."""
    if wal_path(stores.published).exists():
        raise PublishError(
            f"{wal_path(stores.published)} exists: some process opened the published file "
            "for writing. Close it and let DuckDB checkpoint, or remove the .wal if that "
            "writer is gone, then run again."
        )


def start_build(stores: Stores, incremental: bool) -> Path:
    """Create the run folder and the new build file: a copy of the build store's database
    (incremental) or nothing (full refresh). dbt's partial-parse cache of the last
    successful run goes into the run's dbt target, so dbt does not parse the whole project
    again (about 4 s)."""
    with private_files():
        stores.run_dir.mkdir(parents=True, exist_ok=True)
        if stores.parse_cache.exists():
            stores.dbt_target.mkdir(exist_ok=True)
            shutil.copyfile(stores.parse_cache, stores.dbt_target / PARTIAL_PARSE)
        if incremental:
            shutil.copyfile(stores.private_db, stores.build_db)
    return stores.build_db


def finish_run(stores: Stores) -> None:
    """After a successful publish the run's files (dbt target, logs) are not needed; only
    dbt's partial-parse cache is kept for the next run (it holds the project's parsed
    code and the values of the environment variables the project reads: paths and
    switches, never the pseudonym key, which dbt does not read; no data)."""
    cache = stores.dbt_target / PARTIAL_PARSE
    if cache.exists():
        os.replace(cache, stores.parse_cache)
    shutil.rmtree(stores.run_dir, ignore_errors=True)


def remove_partial_build(stores: Stores) -> list[Path]:
    """Remove the partial build files of this run, keeping dbt's logs and run results
    (after a full disk, say: the partial files are what filled it)."""
    removed = []
    for path in (
        stores.build_db,
        wal_path(stores.build_db),
        stores.interface_db,
        wal_path(stores.interface_db),
    ):
        if path.exists():
            path.unlink()
            removed.append(path)
    spill = stores.build_db.with_name(stores.build_db.name + ".tmp")  # DuckDB's temp folder
    if spill.is_dir():
        shutil.rmtree(spill, ignore_errors=True)
        removed.append(spill)
    return removed


# --- publishing ------------------------------------------------------------------------


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


def _swap_in(new: Path, target: Path, previous: Path) -> None:
    """Rename new over target atomically, keeping the replaced file as previous (a hard
    link: no copy, and no moment at which target is missing)."""
    if wal_path(new).exists():
        raise PublishError(f"{new} still has a WAL: it was not checkpointed and closed")
    verify_readable(new)
    _fsync_file(new)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        tmp = previous.with_name(previous.name + ".tmp")
        if tmp.exists():
            tmp.unlink()
        try:
            os.link(target, tmp)
        except OSError:  # filesystem without hard links
            shutil.copyfile(target, tmp)
        os.replace(tmp, previous)
    os.replace(new, target)
    _fsync_dir(target.parent)


def publish(stores: Stores) -> None:
    """Publish the run: the interface file over the published file, then the build over
    the build store's database, each keeping one previous generation.

    A published file of the old layout (built before the two stores, with staging,
    intermediate and the key in view definitions) is not kept as `.previous`: it is
    removed once replaced, and so is a `.rolled-back` file of that layout."""
    _swap_in(stores.interface_db, stores.published, stores.previous)
    for path in (stores.previous, rolled_back_path(stores.published)):
        if path.exists() and not interface.holds_only_interface(path):
            path.unlink()  # readers that hold it open keep reading it
    _swap_in(stores.build_db, stores.private_db, stores.private_previous)


def rollback(stores: Stores) -> bool:
    """Publish `<warehouse>.previous` again (the replaced file goes to
    `<warehouse>.rolled-back`), and the build store's previous database with it. Returns
    whether the build store could follow; if not, its database is removed so that the
    next run rebuilds from nothing instead of building on a newer state."""
    previous = stores.previous
    if not previous.exists():
        raise PublishError(f"no previous version to roll back to: {previous} does not exist")
    verify_readable(previous)
    private_matches = (
        stores.private_previous.exists()
        and build_id_of(stores.private_previous, private=True) == build_id_of(previous)
    )
    tmp = stores.published.with_name(stores.published.name + ".rollback.tmp")
    if tmp.exists():
        tmp.unlink()
    shutil.copyfile(previous, tmp)
    _fsync_file(tmp)
    if stores.published.exists():
        aside = stores.published.with_name(stores.published.name + ".rolled-back.tmp")
        if aside.exists():
            aside.unlink()
        os.link(stores.published, aside)
        os.replace(aside, rolled_back_path(stores.published))
    os.replace(tmp, stores.published)
    _fsync_dir(stores.published.parent)
    if private_matches:
        os.replace(stores.private_previous, stores.private_db)
    elif stores.private_db.exists():
        stores.private_db.unlink()
    _fsync_dir(stores.private)
    return private_matches


# --- what a build was made of ------------------------------------------------------------


def new_build_id() -> str:
    return uuid.uuid4().hex


def build_id_of(db: Path, private: bool = False) -> str | None:
    """The build id recorded in a published file (audit.pipeline_build) or a build store
    database (pipeline.build); None if there is none."""
    table = BUILD_TABLE if private else interface.PUBLISHED_BUILD_TABLE
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(f"select build_id from {table}").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def read_state(stores: Stores) -> dict[str, Any] | None:
    """What the build store's database was built from, or None: no build store, a state
    it does not hold, or a published file of another build (a run stopped between the two
    renames of `publish`, or a file put there by hand)."""
    if not stores.private_db.exists() or not stores.published.exists():
        return None
    try:
        con = duckdb.connect(str(stores.private_db), read_only=True)
    except duckdb.Error:
        return None
    try:
        deliveries = dict(
            con.execute(
                f"select delivery, manifest_sha256 from {DELIVERIES_TABLE} order by delivery"
            ).fetchall()
        )
        row = con.execute(f"select build_id, fingerprint from {BUILD_TABLE}").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if row is None or build_id_of(stores.published) != row[0]:
        return None
    return {"build_id": row[0], "deliveries": deliveries, "fingerprint": json.loads(row[1])}


def write_state(
    db: Path,
    build_id: str,
    deliveries: dict[str, str],
    fingerprint: dict[str, str],
    extra: dict[str, Any],
) -> None:
    """Record in the new build what it was built from, then checkpoint and close."""
    con = duckdb.connect(str(db))
    try:
        con.execute(f"create schema if not exists {STATE_SCHEMA}")
        con.execute(
            f"create or replace table {DELIVERIES_TABLE} "
            "(delivery varchar primary key, manifest_sha256 varchar not null)"
        )
        con.executemany(f"insert into {DELIVERIES_TABLE} values (?, ?)", sorted(deliveries.items()))
        con.execute(
            f"create or replace table {BUILD_TABLE} (build_id varchar not null, "
            "fingerprint varchar not null, full_refresh boolean, built_at timestamptz, "
            "gate_seconds double, build_seconds double)"
        )
        con.execute(
            f"insert into {BUILD_TABLE} values (?, ?, ?, current_timestamp, ?, ?)",
            [
                build_id,
                json.dumps(fingerprint, sort_keys=True),
                extra.get("full_refresh"),
                extra.get("gate_seconds"),
                extra.get("build_seconds"),
            ],
        )
        con.execute("checkpoint")
    finally:
        con.close()
