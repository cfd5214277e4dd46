"""Stand-ins for dbt's cross-database macros, so sqlfluff's jinja templater renders
the models without a dbt project load. They return plain SQL of the same shape."""


def dateadd(datepart, interval, from_date_or_timestamp):
    return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"


def datediff(first_date, second_date, datepart):
    return f"date_diff('{datepart}', {first_date}, {second_date})"


def hash(field):  # noqa: A001 - mirrors dbt.hash
    return f"md5(cast({field} as varchar))"


def concat(fields):
    return "concat(" + ", ".join(fields) + ")"


def cast(field, type):  # noqa: A002 - mirrors dbt.cast
    return f"cast({field} as {type})"


def type_string():
    return "varchar"


def type_int():
    return "integer"


def bool_or(expression):
    return f"bool_or({expression})"
