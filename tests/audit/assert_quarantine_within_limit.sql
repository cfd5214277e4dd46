{#- The build fails when a delivered file quarantines more rows than
    max(var quarantine_min_rows, var quarantine_max_share x its rows). One row per
    file and delivery over the limit. -#}
with

row_counts as (
    select * from {{ ref('row_reconciliation') }}
),

limits as (
    select
        source_file,
        delivery_date,
        raw_rows,
        quarantined_rows,
        greatest(
            {{ var('quarantine_min_rows') }},
            {{ var('quarantine_max_share') }} * raw_rows
        ) as quarantine_limit
    from row_counts
),

final as (
    select
        source_file,
        delivery_date,
        raw_rows,
        quarantined_rows,
        quarantine_limit,
        source_file || ' of ' || cast(delivery_date as {{ dbt.type_string() }}) || ': '
        || cast(quarantined_rows as {{ dbt.type_string() }}) || ' of '
        || cast(raw_rows as {{ dbt.type_string() }}) || ' rows quarantined, limit '
        || cast(quarantine_limit as {{ dbt.type_string() }}) as failure_reason
    from limits
    where quarantined_rows > quarantine_limit
)

select * from final
