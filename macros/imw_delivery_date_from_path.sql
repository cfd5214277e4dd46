{#- The delivery date of a delivered file: its folder name `yyyy-mm-dd`. -#}
{% macro imw_delivery_date_from_path(column) -%}
    {{ return(adapter.dispatch('imw_delivery_date_from_path', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_delivery_date_from_path(column) -%}
    cast(
        regexp_extract({{ column }}, '([0-9]{4}-[0-9]{2}-[0-9]{2})[/\\\\][^/\\\\]+$', 1)
        as date
    )
{%- endmacro %}

{% macro duckdb__imw_delivery_date_from_path(column) -%}
    try_cast(
        regexp_extract({{ column }}, '([0-9]{4}-[0-9]{2}-[0-9]{2})[/\\][^/\\]+$', 1)
        as date
    )
{%- endmacro %}
