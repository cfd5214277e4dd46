"""dbt-duckdb plugin (profiles.yml `plugins: - module: imw.dbt_plugin`): every connection
dbt opens gets the pseudonym functions of `imw.pseudonym`, which read the key from the
environment of the dbt process. The key never passes through dbt's Jinja context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from imw import pseudonym


class Plugin(BasePlugin):
    """Registers imw_pseudonym() and imw_pseudonym_key_fingerprint() on each connection,
    and creates the folder of the database file before dbt opens it."""

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        """A bare `dbt build` writes the development file (profiles.yml: data/dev/...),
        whose folder a fresh clone does not have yet."""
        path = str(getattr(creds, "path", "") or "")
        if path and path != ":memory:" and ":" not in path.split("/")[0]:
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)

    def configure_connection(self, conn: Any) -> None:
        pseudonym.register_duckdb(conn)
