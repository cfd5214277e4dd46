{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('new_keys', key='settlement_id'),
    )
}}
{#- One row per settlement booking (afrekening_id) over all deltas. A booking
    never changes: when it arrives twice with the same content (a re-sent
    delivery, or a row in two consecutive deltas) it counts once, and the first
    version stands (the oldest delivery, the first line within a file); a
    re-send with other content is quarantined by int_settlements_validated.
    Incremental: a run only takes clean rows of bookings not loaded yet (a new
    booking, or one quarantined earlier whose application has arrived since;
    imw_not_loaded_yet), so a full refresh gives the same rows. -#}
with

settlements as (
    select * from {{ ref('int_settlements_validated') }}
    where
        quarantine_reason is null
        and {{ imw_not_loaded_yet('settlement_id') }}
),

versions as (
    select
        *,
        row_number() over (
            partition by settlement_id
            order by delivery_date, source_line_number
        ) as version_number
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
    from versions
    where version_number = 1
)

select * from final
