{#- The file name (without folder) of a delivered file's path. -#}
{% macro imw_file_name_from_path(column) -%}
    {{ return(adapter.dispatch('imw_file_name_from_path', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_file_name_from_path(column) -%}
    regexp_extract({{ column }}, '([^/\\\\]+)$', 1)
{%- endmacro %}

{% macro duckdb__imw_file_name_from_path(column) -%}
    regexp_extract({{ column }}, '([^/\\]+)$', 1)
{%- endmacro %}
