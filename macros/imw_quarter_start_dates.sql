{#- A one-column relation (quarter_start_date) with the first day of every
    calendar quarter from start_date up to and including end_date (date literals
    'yyyy-mm-dd'). -#}
{% macro imw_quarter_start_dates(start_date, end_date) -%}
    {{ return(
        adapter.dispatch('imw_quarter_start_dates', 'imw')(start_date, end_date)
    ) }}
{%- endmacro %}

{% macro default__imw_quarter_start_dates(start_date, end_date) -%}
    select explode(
        sequence(date '{{ start_date }}', date '{{ end_date }}', interval 3 month)
    ) as quarter_start_date
{%- endmacro %}

{% macro duckdb__imw_quarter_start_dates(start_date, end_date) -%}
    select cast(generate_series as date) as quarter_start_date
    from generate_series(
        date '{{ start_date }}', date '{{ end_date }}', interval 3 month
    )
{%- endmacro %}
