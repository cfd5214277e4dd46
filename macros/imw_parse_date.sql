{#- A source date `dd/mm/yyyy` as a date; null when empty or not parseable
    (a two-digit year such as `01/07/23` does not parse). -#}
{% macro imw_parse_date(column) -%}
    {{ return(adapter.dispatch('imw_parse_date', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_date(column) -%}
    to_date(nullif(trim({{ column }}), ''), 'dd/MM/yyyy')
{%- endmacro %}

{% macro duckdb__imw_parse_date(column) -%}
    case
        when regexp_full_match(trim({{ column }}), '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')
            then cast(try_strptime(trim({{ column }}), '%d/%m/%Y') as date)
    end
{%- endmacro %}
