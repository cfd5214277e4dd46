"""`make docs`: dbt docs as one static page with the project's overview (models/overview.md).

Runs `dbt parse` and `dbt docs generate --static --no-compile` in a throw-away project
folder against a private copy of the warehouse (the catalog query opens the file), as
`make docs` does: the published file holds only the interface, so nothing is compiled.
"""

from __future__ import annotations

import re

from test_report_support import run_dbt, warehouse_copy


def test_static_docs_page_holds_the_overview_and_the_marts(tmp_path):
    target = tmp_path / "target"
    run_dbt(["parse", "--target-path", str(target)], warehouse_copy())
    run_dbt(
        ["docs", "generate", "--static", "--no-compile", "--target-path", str(target)],
        warehouse_copy(),
    )
    page = (target / "static_index.html").read_text(encoding="utf-8")
    assert len(page) > 500_000  # the app, manifest and catalog inlined in one file
    for text in (
        "IMW data warehouse",  # the __overview__ doc block
        "Keep and flag",
        "INTERN",
        "UITZEND",
        "The grain of every fact",
        "fact_active_premium",
        "deck_figures",
    ):
        assert text in page, text
    # no stylesheet or script is fetched from elsewhere
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
