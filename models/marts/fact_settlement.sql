{{
    config(
        materialized='incremental',
        unique_key='settlement_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
with

settlements as (
    select deduplicated_settlements.*
    from {{ ref('int_settlements_deduplicated') }} as deduplicated_settlements
    {%- if is_incremental() %}
        where
            deduplicated_settlements.delivery_date > (
                select max(loaded.delivery_date)
                from {{ this }} as loaded
            )
            or deduplicated_settlements.settlement_id not in (
                select loaded.settlement_id from {{ this }} as loaded
            )
    {%- endif %}
),

final as (
    select
        settlement_id,
        application_id,
        corrects_settlement_id,
        component_code,
        case
            when extract(year from booked_on) between 1950 and 2099
                then {{ imw_quarter_key('booked_on') }}
            else -1
        end as booking_quarter_key,
        cast(amount as decimal(18, 2)) as amount,
        corrects_settlement_id is not null as is_correction,
        booked_on,
        period_from,
        period_to,
        delivery_date,
        source_line_number
    from settlements
)

select * from final
