with

snapshot_dates as (
    select * from {{ ref('int_snapshot_dates') }}
),

final as (
    select
        snapshot_date,
        {{ imw_quarter_key('snapshot_date') }} as quarter_key,
        is_reference_date
    from snapshot_dates
)

select * from final
