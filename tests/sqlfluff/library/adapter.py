"""Stand-in for dbt's `adapter.dispatch`: renders a dispatched project macro as a
plain function call with the same arguments, which sqlfluff can parse."""


# Dispatched macros that render a whole query rather than an expression.
RELATION_MACROS = {
    "imw_quarter_start_dates": "quarter_start_date",
    "imw_day_spine": "date_day",
    "imw_rows_to_validate": "*",
}

# Dispatched macros that return a config mapping (used as `config(**...)`).
CONFIG_MACROS = {"imw_incremental_config"}


def dispatch(macro_name, macro_namespace=None):
    def render(*args):
        if macro_name in CONFIG_MACROS:
            return {"materialized": "incremental"}
        call = f"{macro_name}(" + ", ".join(str(arg) for arg in args) + ")"
        if macro_name in RELATION_MACROS:
            return f"select {RELATION_MACROS[macro_name]} from {call}"
        return call

    return render


class _Column:
    def __init__(self, name):
        self.name = name


def get_columns_in_relation(relation):
    """Stand-in: two made-up columns, enough to render a column list."""
    return [_Column("first_column"), _Column("second_column")]


def quote(identifier):
    return f'"{identifier}"'
