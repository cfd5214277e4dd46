{#- A source amount with a decimal comma, exactly two decimals and optional `.`
    thousands separators (`-1.234,56`) as decimal(18,2); null when it does not
    follow that format. -#}
{% macro imw_parse_amount(column) -%}
    {{ return(adapter.dispatch('imw_parse_amount', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_amount(column) -%}
    case
        when trim({{ column }}) rlike '^-?([0-9]{1,3}([.][0-9]{3})+|[0-9]+),[0-9]{2}$'
            then cast(
                replace(replace(trim({{ column }}), '.', ''), ',', '.')
                as decimal(18, 2)
            )
    end
{%- endmacro %}

{% macro duckdb__imw_parse_amount(column) -%}
    case
        when regexp_full_match(
            trim({{ column }}), '-?([0-9]{1,3}([.][0-9]{3})+|[0-9]+),[0-9]{2}'
        )
            then cast(
                replace(replace(trim({{ column }}), '.', ''), ',', '.')
                as decimal(18, 2)
            )
    end
{%- endmacro %}
