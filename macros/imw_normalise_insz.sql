{#- A national register number (INSZ) as written in the source
    (`85.07.30-033.28`, `85073003328`) reduced to its digits; empty gives null.
    Only used inside staging, before the number is replaced by a pseudonym. -#}
{% macro imw_normalise_insz(column) -%}
    {{ return(adapter.dispatch('imw_normalise_insz', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_normalise_insz(column) -%}
    nullif(regexp_replace({{ column }}, '[ .-]', ''), '')
{%- endmacro %}

{% macro duckdb__imw_normalise_insz(column) -%}
    nullif(regexp_replace({{ column }}, '[ .-]', '', 'g'), '')
{%- endmacro %}
