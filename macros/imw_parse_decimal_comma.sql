{#- A number with an optional decimal comma (`35,5`, `40`) as decimal(9,2);
    null when empty or not a number. Used for percentages. -#}
{% macro imw_parse_decimal_comma(column) -%}
    {{ return(adapter.dispatch('imw_parse_decimal_comma', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_decimal_comma(column) -%}
    case
        when trim({{ column }}) rlike '^-?[0-9]+(,[0-9]+)?$'
            then cast(replace(trim({{ column }}), ',', '.') as decimal(9, 2))
    end
{%- endmacro %}

{% macro duckdb__imw_parse_decimal_comma(column) -%}
    case
        when regexp_full_match(trim({{ column }}), '-?[0-9]+(,[0-9]+)?')
            then cast(replace(trim({{ column }}), ',', '.') as decimal(9, 2))
    end
{%- endmacro %}
