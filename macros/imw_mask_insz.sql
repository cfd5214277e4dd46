{#- A text with every run of 11 digits written like an INSZ (`85073003328`,
    `85.07.30-033.28`) replaced by `<INSZ?>`: for raw text that may hold a
    national register number in another column's place (a delivered row with
    the wrong number of fields, whose fields shifted). -#}
{% macro imw_mask_insz(column) -%}
    {{ return(adapter.dispatch('imw_mask_insz', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_mask_insz(column) -%}
    regexp_replace(
        {{ column }},
        '[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}[ .-]?[0-9]{3}[ .]?[0-9]{2}',
        '<INSZ?>'
    )
{%- endmacro %}

{% macro duckdb__imw_mask_insz(column) -%}
    regexp_replace(
        {{ column }},
        '[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}[ .-]?[0-9]{3}[ .]?[0-9]{2}',
        '<INSZ?>',
        'g'
    )
{%- endmacro %}
