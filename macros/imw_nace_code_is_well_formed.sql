{#- True when a normalised NACE code (dots removed) has the shape of a NACE-BEL
    subclass: exactly five digits ('88991'); false otherwise; null for null.
    Whether the code is in the official list is a separate question (a join). -#}
{% macro imw_nace_code_is_well_formed(column) -%}
    {{ return(adapter.dispatch('imw_nace_code_is_well_formed', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_nace_code_is_well_formed(column) -%}
    {{ column }} rlike '^[0-9]{5}$'
{%- endmacro %}

{% macro duckdb__imw_nace_code_is_well_formed(column) -%}
    regexp_full_match({{ column }}, '[0-9]{5}')
{%- endmacro %}
