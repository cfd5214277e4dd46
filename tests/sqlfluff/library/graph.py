"""Stand-in for dbt's `graph` context variable: `graph.sources` holds one source of
the `imw` project source that answers to every table name, with two made-up columns
(like adapter.get_columns_in_relation's stand-in), enough to render a column list."""


class _AnyName(str):
    """A name equal to every other, so the stand-in source matches any lookup."""

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


class _Column:
    def __init__(self, name):
        self.name = name


class _Source:
    source_name = "imw"
    identifier = _AnyName("any_table")
    name = _AnyName("any_table")
    columns = {name: _Column(name) for name in ("first_column", "second_column")}


sources = {"source.imw.imw.any_table": _Source()}
