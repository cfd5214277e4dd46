{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('newest_wins', key='settlement_id'),
    )
}}
with

settlements as (
    select * from {{ ref('int_settlements_deduplicated') }}
    where {{ imw_not_loaded_yet('settlement_id', newer_deliveries=true) }}
),

quarters as (
    select quarter_key from {{ ref('dim_quarter') }}
),

final as (
    select
        settlements.settlement_id,
        settlements.application_id,
        settlements.corrects_settlement_id,
        settlements.component_code,
        -- -1 for a booking date outside the quarters of dim_quarter
        coalesce(quarters.quarter_key, -1) as booking_quarter_key,
        cast(settlements.amount as decimal(18, 2)) as amount,
        settlements.corrects_settlement_id is not null as is_correction,
        settlements.booked_on,
        settlements.period_from,
        settlements.period_to,
        settlements.delivery_date,
        settlements.source_line_number
    from settlements
    left join quarters
        on {{ imw_quarter_key('settlements.booked_on') }} = quarters.quarter_key
)

select * from final
