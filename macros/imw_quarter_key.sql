{#- The integer key of the calendar quarter of a date: yyyyq (20233 = K3 2023). -#}
{% macro imw_quarter_key(column) -%}
    cast(
        extract(year from {{ column }}) * 10 + extract(quarter from {{ column }})
        as integer
    )
{%- endmacro %}
