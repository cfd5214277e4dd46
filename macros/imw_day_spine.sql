{#- A one-column relation (date_day) with every day from start_date up to but not
    including end_date (date literals 'yyyy-mm-dd'). -#}
{% macro imw_day_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('imw_day_spine', 'imw')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__imw_day_spine(start_date, end_date) -%}
    select explode(
        sequence(date '{{ start_date }}', date_sub(date '{{ end_date }}', 1), interval 1 day)
    ) as date_day
{%- endmacro %}

{% macro duckdb__imw_day_spine(start_date, end_date) -%}
    select cast(range as date) as date_day
    from range(date '{{ start_date }}', date '{{ end_date }}', interval 1 day)
{%- endmacro %}
