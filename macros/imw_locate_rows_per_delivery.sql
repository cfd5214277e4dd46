{#- The per-delivery form of imw_locate_source_rows: one numbered read of the
    source per complete delivery (imw_number_delivery_rows), glued with union all. -#}
{% macro imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {{ return(adapter.dispatch('imw_locate_rows_per_delivery', 'imw')(
        source_relation, deliveries
    )) }}
{%- endmacro %}

{% macro default__imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {%- for delivery in deliveries %}
        {{ imw_number_delivery_rows(source_relation, delivery) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- DuckDB runs row_number() over () in a single-threaded pipeline, and with it
    everything up to the next pipeline breaker: the staging view's parsing and
    pseudonymising and the validated model's joins and write. A materialized CTE
    ends that pipeline right after the numbering, so the rest runs on every core
    (a 1.6-million-row delivery: 18.7 s -> 12.6 s on 2 cores). The filter on the
    constant delivery_date still skips the other deliveries' files. -#}
{% macro duckdb__imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {%- for delivery in deliveries %}
        select numbered.*
        from (
            with located_rows as materialized (
                {{ imw_number_delivery_rows(source_relation, delivery) }}
            )

            select * from located_rows
        ) as numbered
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
