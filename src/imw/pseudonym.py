"""The keyed pseudonym of a personal identifier (the INSZ), without the key ever becoming text.

A pseudonym is HMAC-SHA256 (RFC 2104) of the identifier's digits under the key of env
`IMW_PSEUDONYM_KEY`, as 64 lowercase hex digits. The key is read from the environment by
the process that hashes, here, and nowhere else: dbt never sees it (no `env_var()` on it,
so it is in no compiled file, manifest, partial-parse file or log), and the SQL only calls
a function that the engine's connection got from this module:

- DuckDB: `register_duckdb(connection)`, called by the dbt-duckdb plugin `imw.dbt_plugin`
  for every connection dbt opens;
- Spark (later): the same functions registered as UDFs on the session.

`imw_pseudonym(value)` gives the pseudonym of a text (null stays null);
`imw_pseudonym_key_fingerprint()` gives a keyed fingerprint of the key (an HMAC of a fixed
text: it identifies the key without revealing it), which the build records so that a run
with another key rebuilds instead of mixing pseudonyms of two keys.

The key is env `IMW_PSEUDONYM_KEY`, or the first line of the file named by env
`IMW_PSEUDONYM_KEY_FILE`. Without either, a documented development key is used (and a
warning logged): fine for the sample data, never for production.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
from collections.abc import Callable
from typing import Any

KEY_VARIABLE = "IMW_PSEUDONYM_KEY"
KEY_FILE_VARIABLE = "IMW_PSEUDONYM_KEY_FILE"  # or: a file holding the key (first line)
# Public on purpose: pseudonyms made with it protect nothing. Production sets the variable.
DEVELOPMENT_KEY = "imw-development-key-not-for-production"
_FINGERPRINT_MESSAGE = b"imw pseudonym key fingerprint v1"

PSEUDONYM_FUNCTION = "imw_pseudonym"
FINGERPRINT_FUNCTION = "imw_pseudonym_key_fingerprint"

log = logging.getLogger("imw.pseudonym")


class KeyFileError(Exception):
    """The key file named by the environment cannot be read or is empty."""


def key_is_set() -> bool:
    """Whether the environment sets a key (otherwise the development key is used)."""
    return bool(os.environ.get(KEY_VARIABLE) or os.environ.get(KEY_FILE_VARIABLE))


def _key() -> bytes:
    """The key: env IMW_PSEUDONYM_KEY, else the first line of the file named by env
    IMW_PSEUDONYM_KEY_FILE (so that the key need not stand in a crontab or a process
    list), else the development key."""
    value = os.environ.get(KEY_VARIABLE)
    if not value and os.environ.get(KEY_FILE_VARIABLE):
        path = os.environ[KEY_FILE_VARIABLE]
        try:
            with open(path, encoding="utf-8") as handle:
                value = handle.readline().rstrip("\r\n")
        except OSError as exc:
            raise KeyFileError(f"{KEY_FILE_VARIABLE}: cannot read {path}: {exc.strerror}") from None
        if not value:
            raise KeyFileError(f"{KEY_FILE_VARIABLE}: {path} holds no key on its first line")
    return (value or DEVELOPMENT_KEY).encode("utf-8")


CACHE_LIMIT = 1 << 20  # values; about 200 MB when full, then it starts again


def pseudonymiser() -> Callable[[str | None], str | None]:
    """A function value -> pseudonym under the key of the environment as it is now.

    The key is taken once, into an HMAC state that each call copies (no re-keying per
    value); the returned function holds no copy of the key as text. A worker appears in
    every snapshot, so the pseudonyms are remembered (in memory only, bounded): a repeat
    costs a dictionary lookup instead of an HMAC.
    """
    base = hmac.new(_key(), digestmod=hashlib.sha256)
    known: dict[str, str] = {}

    def pseudonymise(value: str | None) -> str | None:
        if value is None:
            return None
        found = known.get(value)
        if found is None:
            state = base.copy()
            state.update(value.encode("utf-8"))
            found = state.hexdigest()
            if len(known) >= CACHE_LIMIT:
                known.clear()
            known[value] = found
        return found

    return pseudonymise


def pseudonymise(value: str | None) -> str | None:
    """The pseudonym of one value under the environment's key (null stays null)."""
    return pseudonymiser()(value)


def key_fingerprint() -> str:
    """A keyed fingerprint of the environment's key: equal for equal keys, and it reveals
    nothing of the key (HMAC-SHA256 of a fixed text, first 32 hex digits)."""
    return hmac.new(_key(), _FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:32]


def warn_if_development_key() -> None:
    """Log a warning when the run uses the development key, or a key file others can read."""
    if not key_is_set():
        log.warning(
            "%s is not set: pseudonyms are made with the public development key; "
            "set a secret key in production",
            KEY_VARIABLE,
        )
    path = os.environ.get(KEY_FILE_VARIABLE)
    if path and not os.environ.get(KEY_VARIABLE):
        with contextlib.suppress(OSError):
            if os.stat(path).st_mode & 0o077:
                log.warning(
                    "%s: %s can be read by other users (chmod 600)", KEY_FILE_VARIABLE, path
                )


def register_duckdb(connection: Any) -> None:
    """Register imw_pseudonym(varchar) and imw_pseudonym_key_fingerprint() on a DuckDB
    connection (a no-op for a function the connection already has)."""
    import duckdb

    existing = {
        row[0]
        for row in connection.execute(
            "select function_name from duckdb_functions() where function_name in (?, ?)",
            [PSEUDONYM_FUNCTION, FINGERPRINT_FUNCTION],
        ).fetchall()
    }
    varchar = duckdb.sqltype("VARCHAR")
    if PSEUDONYM_FUNCTION not in existing:
        connection.create_function(
            PSEUDONYM_FUNCTION, pseudonymiser(), [varchar], varchar, side_effects=False
        )
    if FINGERPRINT_FUNCTION not in existing:
        fingerprint = key_fingerprint()
        connection.create_function(
            FINGERPRINT_FUNCTION, lambda: fingerprint, [], varchar, side_effects=False
        )
