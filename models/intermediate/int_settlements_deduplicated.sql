{{
    config(
        materialized='incremental',
        unique_key='settlement_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#- One row per settlement booking (afrekening_id) over all deltas. A booking
    never changes; when it arrives twice (a re-sent delivery, or a row in two
    consecutive deltas) the row of the newest delivery wins, the last line within
    a file. Incremental: a run only takes rows of deliveries newer than the newest one
    already loaded (replacing the bookings it sees again), plus clean rows not
    loaded yet (a booking quarantined earlier whose application has arrived since),
    so a full refresh gives the same rows. -#}
with

settlements as (
    select validated_settlements.*
    from {{ ref('int_settlements_validated') }} as validated_settlements
    where
        validated_settlements.quarantine_reason is null
        {%- if is_incremental() %}
            and (
                validated_settlements.delivery_date > (
                    select max(loaded.delivery_date)
                    from {{ this }} as loaded
                )
                or validated_settlements.settlement_id not in (
                    select loaded.settlement_id from {{ this }} as loaded
                )
            )
        {%- endif %}
),

ranked as (
    select
        *,
        row_number() over (
            partition by settlement_id
            order by delivery_date desc, source_line_number desc
        ) as recency_rank
    from settlements
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        settlement_id,
        application_id,
        corrects_settlement_id,
        component_code,
        amount,
        period_from,
        period_to,
        booked_on
    from ranked
    where recency_rank = 1
)

select * from final
