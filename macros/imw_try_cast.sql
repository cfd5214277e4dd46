{#- Cast that yields null instead of failing when the text does not convert. -#}
{% macro imw_try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('imw_try_cast', 'imw')(expression, data_type)) }}
{%- endmacro %}

{% macro default__imw_try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro duckdb__imw_try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
