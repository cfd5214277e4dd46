{#- True when a normalised enterprise number has 10 digits, starts with 0 or 1
    and its last two digits equal 97 - (first 8 digits mod 97); null for null. -#}
{% macro imw_kbo_is_valid(column) -%}
    {{ return(adapter.dispatch('imw_kbo_is_valid', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_kbo_is_valid(column) -%}
    case
        when {{ column }} is null then null
        when not {{ column }} rlike '^[01][0-9]{9}$' then false
        else 97 - cast(substring({{ column }}, 1, 8) as bigint) % 97
            = cast(substring({{ column }}, 9, 2) as bigint)
    end
{%- endmacro %}

{% macro duckdb__imw_kbo_is_valid(column) -%}
    case
        when {{ column }} is null then null
        when not regexp_full_match({{ column }}, '[01][0-9]{9}') then false
        else 97 - cast(substring({{ column }}, 1, 8) as bigint) % 97
            = cast(substring({{ column }}, 9, 2) as bigint)
    end
{%- endmacro %}
