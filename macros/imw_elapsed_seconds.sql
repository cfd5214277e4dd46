{#- Seconds elapsed between two instants (end - start, fractions included),
    across daylight-saving changes. Not dbt.datediff: dbt-duckdb's casts its
    arguments to timestamp without time zone, i.e. to the session's wall
    clock, and counts wall-clock time. -#}
{% macro imw_elapsed_seconds(start_instant, end_instant) -%}
    {{ return(adapter.dispatch('imw_elapsed_seconds', 'imw')(
        start_instant, end_instant
    )) }}
{%- endmacro %}

{% macro default__imw_elapsed_seconds(start_instant, end_instant) -%}
    ((unix_micros({{ end_instant }}) - unix_micros({{ start_instant }})) / 1000000.0)
{%- endmacro %}

{% macro duckdb__imw_elapsed_seconds(start_instant, end_instant) -%}
    (epoch({{ end_instant }}) - epoch({{ start_instant }}))
{%- endmacro %}
