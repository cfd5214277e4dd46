"""Are the complete deliveries still what their manifests say? Checked on every run.

Deliveries are immutable (`source-extracts.md`): every run checks the checksums of every
delivery it uses, not only of new ones, so a file changed after its delivery was accepted
is refused before anything is built or published. Two refusals of the specification are
checked here, for every complete delivery (a folder with `_manifest.json`):

- a file the manifest lists whose sha256 differs from the manifest's (or that is gone);
- an entry of the delivery folder that the manifest does not list. A delivery is exactly
  the files its manifest lists: any other entry is refused, hidden files (`.name`, e.g. an
  editor's swap file or a half-copied `.aanvragen.csv.tmp`) and sub-folders included,
  because the warehouse cannot tell a harmless one from a misnamed or second version of a
  delivery file. Only `_manifest.json` itself is not listed in it.

Cost: one sha256 pass over every byte of every delivery. hashlib releases the GIL while it
hashes, so the files are hashed by a few threads side by side (`IMW_CHECK_THREADS`,
default: the number of cores, at most 4). The full gate (`imw.gate.runner`) checks the
same for the deliveries it validates, with every other structural check.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from imw.gate import spec
from imw.gate.findings import REFUSE, Finding

log = logging.getLogger("imw.gate")

_CHUNK = 8 << 20


@dataclass
class IntegrityCheck:
    """What verify_deliveries found: refusals, and how much it read."""

    deliveries: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)


def unlisted_entries(folder: Path, listed: Iterable[str]) -> list[Finding]:
    """One refusal per entry of the delivery folder that the manifest does not list."""
    names = set(listed) | {spec.MANIFEST}
    findings = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name in names:
            continue
        if entry.is_dir() and not entry.is_symlink():
            problem = "sub-folder in the delivery folder, not listed in the manifest"
            findings.append(Finding(REFUSE, folder.name, entry.name + "/", problem))
        else:
            kind = "hidden file" if entry.name.startswith(".") else "file"
            problem = f"{kind} in the delivery folder that the manifest does not list"
            findings.append(Finding(REFUSE, folder.name, entry.name, problem))
    return findings


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _threads(configured: int | None) -> int:
    if configured:
        return max(1, configured)
    value = os.environ.get("IMW_CHECK_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else min(4, os.cpu_count() or 1)


def verify_deliveries(
    folders: Iterable[Path], accepted: Iterable[str] = (), threads: int | None = None
) -> IntegrityCheck:
    """Check every file the manifests of `folders` list against its sha256, and that each
    folder holds nothing else. accepted: names of deliveries published before (their
    refusals say that the delivery changed after it was accepted)."""
    started = time.monotonic()
    accepted = set(accepted)
    result = IntegrityCheck()
    jobs: list[tuple[str, str, Path, str]] = []  # delivery, file, path, expected sha256
    for folder in folders:
        result.deliveries += 1
        name = folder.name
        changed = " (accepted before: deliveries are immutable)" if name in accepted else ""
        try:
            manifest = json.loads((folder / spec.MANIFEST).read_bytes().decode("utf-8-sig"))
            files = manifest["files"]
            if not isinstance(files, dict):
                raise TypeError("'files' is not an object")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problem = f"manifest unreadable: {exc}{changed}"
            result.findings.append(Finding(REFUSE, name, spec.MANIFEST, problem))
            continue
        for finding in unlisted_entries(folder, files):
            result.findings.append(
                Finding(finding.severity, finding.delivery, finding.file, finding.problem + changed)
            )
        for file, entry in sorted(files.items()):
            expected = str(entry.get("sha256", "")).lower() if isinstance(entry, dict) else ""
            path = folder / file
            if not path.is_file():
                problem = f"file missing from the delivery folder{changed}"
                result.findings.append(Finding(REFUSE, name, file, problem))
            elif not expected:
                problem = f"manifest gives no sha256{changed}"
                result.findings.append(Finding(REFUSE, name, file, problem))
            else:
                jobs.append((name, file, path, expected))

    def hash_one(job: tuple[str, str, Path, str]) -> tuple[str, int]:
        return file_sha256(job[2]), job[2].stat().st_size

    with ThreadPoolExecutor(min(_threads(threads), max(1, len(jobs)))) as pool:
        for (name, file, _path, expected), (actual, size) in zip(
            jobs, pool.map(hash_one, jobs), strict=True
        ):
            result.files += 1
            result.bytes += size
            if actual != expected:
                problem = f"sha256 mismatch: manifest {expected}, file {actual}"
                if name in accepted:
                    problem = (
                        "changed after the delivery was accepted (deliveries are immutable): "
                        + problem
                    )
                result.findings.append(Finding(REFUSE, name, file, problem))
    result.seconds = time.monotonic() - started
    return result
