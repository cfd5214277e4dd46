{#- on-run-end: print how many rows the build quarantined, per delivered file
    (over all complete deliveries, and in the newest one), from
    audit.row_reconciliation; silent when that table was not built. -#}
{% macro imw_log_quarantine_summary() %}
    {% if execute and flags.WHICH in ('build', 'run') %}
        {% set relation = adapter.get_relation(
            database=target.database, schema=generate_schema_name('audit', none) | trim,
            identifier='row_reconciliation'
        ) %}
        {% if relation is not none %}
            {% set summary_sql %}
                with

                counts as (
                    select * from {{ relation }}
                ),

                newest as (
                    select max(delivery_date) as delivery_date from counts
                )

                select
                    counts.source_file,
                    sum(counts.raw_rows) as raw_rows,
                    sum(counts.quarantined_rows) as quarantined_rows,
                    count(*) as deliveries,
                    sum(
                        case
                            when counts.delivery_date = newest.delivery_date
                                then counts.quarantined_rows
                        end
                    ) as newest_quarantined_rows,
                    sum(
                        case
                            when counts.delivery_date = newest.delivery_date
                                then counts.raw_rows
                        end
                    ) as newest_raw_rows
                from counts
                cross join newest
                group by counts.source_file
                order by counts.source_file
            {% endset %}
            {% set summary = run_query(summary_sql) %}
            {% for row in summary.rows %}
                {% do log(
                    'IMW quarantine: ' ~ row['source_file'] ~ ': '
                    ~ row['quarantined_rows'] ~ ' of ' ~ row['raw_rows']
                    ~ ' rows in ' ~ row['deliveries'] ~ ' deliveries ('
                    ~ row['newest_quarantined_rows'] ~ ' of ' ~ row['newest_raw_rows']
                    ~ ' in the newest); details in audit.quarantined_rows.',
                    info=true
                ) %}
            {% endfor %}
        {% endif %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
