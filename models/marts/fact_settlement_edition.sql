{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('new_keys', key='settlement_id'),
    )
}}
{#- Every settlement booking of fact_settlement with the first edition of the
    figure book that counts it (F10): a booking never changes and, once counted,
    stays counted, so the edition it entered is all figure_change_reasons needs.
    Incremental: a run adds the bookings no earlier edition counted, under its own
    reference date (a booking delivered earlier but quarantined until its
    application arrived enters when it is released). -#}
with

settlements as (
    select fact_settlement.*
    from {{ ref('fact_settlement') }} as fact_settlement
    {%- if is_incremental() %}
        where fact_settlement.settlement_id not in (
            select loaded.settlement_id from {{ this }} as loaded
        )
    {%- endif %}
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

final as (
    select
        settlements.settlement_id,
        reference_date.reference_date as first_reference_date,
        settlements.component_code,
        quarters.quarter_label as booking_quarter_label,
        quarters.year_number as booking_year_number,
        settlements.amount,
        settlements.is_correction,
        settlements.booked_on,
        settlements.delivery_date
    from settlements
    cross join reference_date
    inner join quarters
        on settlements.booking_quarter_key = quarters.quarter_key
)

select * from final
