"""The warehouse as a Dagster code location: `dagster dev -m imw.orchestration` (or
`make orchestrate`), object `defs`.

Three steps, the same as `imw-pipeline` (`imw.pipeline`), with the same lock, checks and
promises, as assets:

- `imw_deliveries` (group `gate`): the every-run delivery check and the delivery gate; a
  refused delivery fails the run with the gate's message, the validation report is its
  metadata; it decides between an incremental build and a full refresh (the plan).
- every dbt model and seed (`dagster-dbt`), built with one `dbt build` into the private
  build store (never the published file); the dbt tests are asset checks, the deck
  reconciliation (`reconcile_f*`) the checks of `deck_figures`.
- `published_warehouse` (group `publish`): the interface written from the build and
  swapped in atomically, with the reference date and the rows per table as metadata.

A sensor starts a run when a new complete delivery appears in the extracts folder (run
key: the delivery's date); a monthly schedule does the same as a fallback.
"""

from imw.orchestration.definitions import defs

__all__ = ["defs"]
