{#- The number of a row in the scan order of its relation (1, 2, ...): a window
    without an order on DuckDB, which keeps a file's order; Spark's window needs an
    order, and monotonically_increasing_id() follows the scan; bigint as DuckDB's. -#}
{% macro imw_scan_row_number() -%}
    {{ return(adapter.dispatch('imw_scan_row_number', 'imw')()) }}
{%- endmacro %}

{% macro default__imw_scan_row_number() -%}
    row_number() over ()
{%- endmacro %}

{% macro spark__imw_scan_row_number() -%}
    cast(row_number() over (order by monotonically_increasing_id()) as bigint)
{%- endmacro %}
