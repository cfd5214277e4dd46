{#- A source date `dd/mm/yyyy` as a date; null when empty or not parseable. -#}
{% macro imw_parse_date(column) -%}
    {{ return(adapter.dispatch('imw_parse_date', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_date(column) -%}
    to_date(nullif(trim({{ column }}), ''), 'dd/MM/yyyy')
{%- endmacro %}

{% macro duckdb__imw_parse_date(column) -%}
    cast(try_strptime(nullif(trim({{ column }}), ''), '%d/%m/%Y') as date)
{%- endmacro %}
