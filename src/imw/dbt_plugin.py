"""dbt-duckdb plugin (profiles.yml `plugins: - module: imw.dbt_plugin`): every connection
dbt opens gets the pseudonym functions of `imw.pseudonym`, which read the key from the
environment of the dbt process. The key never passes through dbt's Jinja context."""

from __future__ import annotations

from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from imw import pseudonym


class Plugin(BasePlugin):
    """Registers imw_pseudonym() and imw_pseudonym_key_fingerprint() on each connection."""

    def configure_connection(self, conn: Any) -> None:
        pseudonym.register_duckdb(conn)
