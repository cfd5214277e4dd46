{#- A source timestamp `dd/mm/yyyy hh:mm:ss` as the wall-clock time it
    shows (a timestamp without time zone); null when empty or not parseable.
    Only the first step of imw_parse_timestamp: on its own it says nothing
    about which instant is meant. -#}
{% macro imw_parse_wall_clock(column) -%}
    {{ return(adapter.dispatch('imw_parse_wall_clock', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_parse_wall_clock(column) -%}
    to_timestamp_ntz(nullif(trim({{ column }}), ''), 'dd/MM/yyyy HH:mm:ss')
{%- endmacro %}

{% macro duckdb__imw_parse_wall_clock(column) -%}
    case
        when regexp_full_match(
            trim({{ column }}),
            '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}'
        )
            then try_strptime(trim({{ column }}), '%d/%m/%Y %H:%M:%S')
    end
{%- endmacro %}
