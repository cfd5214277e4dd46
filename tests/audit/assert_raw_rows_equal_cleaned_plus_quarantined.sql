{#- Every delivered row ends up in exactly one place: per file and delivery,
    raw rows = cleaned rows + quarantined rows. One row per file and delivery
    that does not add up. -#}
with

row_counts as (
    select * from {{ ref('row_reconciliation') }}
),

final as (
    select
        source_file,
        delivery_date,
        raw_rows,
        cleaned_rows,
        quarantined_rows,
        'raw ' || cast(raw_rows as {{ dbt.type_string() }}) || ' <> cleaned '
        || cast(cleaned_rows as {{ dbt.type_string() }}) || ' + quarantined '
        || cast(quarantined_rows as {{ dbt.type_string() }}) as failure_reason
    from row_counts
    where raw_rows <> cleaned_rows + quarantined_rows
)

select * from final
