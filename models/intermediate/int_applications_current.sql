{#- One row per application: the clean rows of the newest complete delivery
    (the reference date's snapshot), keeping of an application that appears
    twice (it changed during the export) the row with the latest gewijzigd_op. -#}
with

applications as (
    select * from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

newest_delivery as (
    select applications.*
    from applications
    inner join reference_date
        on applications.delivery_date = reference_date.reference_date
),

ranked as (
    select
        *,
        row_number() over (
            partition by application_id
            order by changed_at desc nulls last, source_line_number desc
        ) as recency_rank
    from newest_delivery
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        application_id,
        organisation_id,
        worker_pseudonym,
        insz_is_valid,
        premium_type_code,
        application_kind_code,
        previous_measure_code,
        status_code,
        wage_premium_pct,
        submitted_on,
        decided_on,
        premium_start_on,
        premium_end_on,
        premium_stopped_on,
        changed_at
    from ranked
    where recency_rank = 1
)

select * from final
