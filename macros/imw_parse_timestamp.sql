{#- A source timestamp `dd/mm/yyyy hh:mm:ss` (local time) as a timestamp;
    null when empty or not parseable. -#}
{% macro imw_parse_timestamp(column) -%}
    {{ return(adapter.dispatch('imw_parse_timestamp', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_timestamp(column) -%}
    to_timestamp(nullif(trim({{ column }}), ''), 'dd/MM/yyyy HH:mm:ss')
{%- endmacro %}

{% macro duckdb__imw_parse_timestamp(column) -%}
    case
        when regexp_full_match(
            trim({{ column }}),
            '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}'
        )
            then try_strptime(trim({{ column }}), '%d/%m/%Y %H:%M:%S')
    end
{%- endmacro %}
