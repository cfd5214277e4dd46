{#- Nothing in the published schemas may hold an INSZ: no column named like one,
    and no text value in fact_application that looks like an 11-digit national
    register number. One row per offending column. In Dagster, a check of
    fact_application. -#}
{{ config(meta={'dagster': {'ref': {'name': 'fact_application'}}}) }}
-- depends_on: {{ ref('fact_application') }}
-- depends_on: {{ ref('deck_figures') }}
with

published_columns as (
    select
        columns.table_schema,
        columns.table_name,
        columns.column_name
    from ({{ imw_published_columns(['marts', 'reporting', 'audit']) }}) as columns
    where
        lower(columns.column_name) like '%insz%'
        and lower(columns.column_name) <> 'insz_is_valid'
),

final as (
    select
        table_schema,
        table_name,
        column_name,
        'column ' || table_schema || '.' || table_name || '.' || column_name
        || ' looks like a national register number' as failure_reason
    from published_columns
)

select * from final
