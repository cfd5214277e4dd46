{#- The instant of a Europe/Brussels wall-clock time (a timestamp without
    time zone), independent of the session's and the machine's time zone.
    Brussels is UTC+2 in summer (CEST) and UTC+1 in winter (CET), so a wall
    clock w is the instant w - 2 h or w - 1 h: the one whose Brussels wall
    clock is w again. Both are in the autumn change (02:00-02:59 on the last
    Sunday of October occurs twice): the spec reads it as the earlier one, the
    summer reading, which is tried first. Neither is in the spring gap
    (02:00-02:59 on the last Sunday of March does not exist): null, so the
    row is quarantined as a timestamp that does not parse (the warehouse does
    not move a delivered time). The time-zone rules come from the engine's
    time-zone database (DuckDB: ICU, built in; Spark: the JVM's). -#}
{% macro imw_brussels_instant(wall_clock) -%}
    {{ return(adapter.dispatch('imw_brussels_instant', 'imw')(wall_clock)) }}
{%- endmacro %}

{#- Spark: make_timestamp with a fixed offset gives a candidate instant,
    convert_timezone its Brussels wall clock (a timestamp_ntz). -#}
{% macro default__imw_brussels_instant(wall_clock) -%}
    {%- set fields = 'year(' ~ wall_clock ~ '), month(' ~ wall_clock ~ '), day('
        ~ wall_clock ~ '), hour(' ~ wall_clock ~ '), minute(' ~ wall_clock
        ~ '), second(' ~ wall_clock ~ ')' -%}
    {%- set summer = "make_timestamp(" ~ fields ~ ", '+02:00')" -%}
    {%- set winter = "make_timestamp(" ~ fields ~ ", '+01:00')" -%}
    case
        when convert_timezone('Europe/Brussels', {{ summer }}) = {{ wall_clock }}
            then {{ summer }}
        when convert_timezone('Europe/Brussels', {{ winter }}) = {{ wall_clock }}
            then {{ winter }}
    end
{%- endmacro %}

{#- DuckDB: epoch() of a timestamp without time zone reads it as UTC, and
    to_timestamp() gives the instant (timestamptz) that many seconds after
    the epoch; timezone('Europe/Brussels', instant) is ICU's Brussels wall
    clock. No cast between timestamp and timestamptz, which would use the
    session's TimeZone. -#}
{% macro duckdb__imw_brussels_instant(wall_clock) -%}
    {%- set summer = 'to_timestamp(epoch(' ~ wall_clock ~ ') - 7200)' -%}
    {%- set winter = 'to_timestamp(epoch(' ~ wall_clock ~ ') - 3600)' -%}
    case
        when timezone('Europe/Brussels', {{ summer }}) = {{ wall_clock }}
            then {{ summer }}
        when timezone('Europe/Brussels', {{ winter }}) = {{ wall_clock }}
            then {{ winter }}
    end
{%- endmacro %}
