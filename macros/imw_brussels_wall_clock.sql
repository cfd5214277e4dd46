{#- The Europe/Brussels wall-clock time (a timestamp without time zone) of an
    instant, independent of the session's and the machine's time zone: what
    the source system's clock showed, the time users read. -#}
{% macro imw_brussels_wall_clock(instant) -%}
    {{ return(adapter.dispatch('imw_brussels_wall_clock', 'imw')(instant)) }}
{%- endmacro %}

{#- Spark: without a source zone, convert_timezone reads the instant in the
    session time zone and converts from there, so the session cancels out. -#}
{% macro default__imw_brussels_wall_clock(instant) -%}
    convert_timezone('Europe/Brussels', {{ instant }})
{%- endmacro %}

{% macro duckdb__imw_brussels_wall_clock(instant) -%}
    timezone('Europe/Brussels', {{ instant }})
{%- endmacro %}
