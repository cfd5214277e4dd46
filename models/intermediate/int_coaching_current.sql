{#- One row per coaching trajectory: the clean rows of the newest complete
    delivery (the last row of a trajectory that appears twice). -#}
with

coaching as (
    select * from {{ ref('int_coaching_validated') }}
    where quarantine_reason is null
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

ranked as (
    select
        coaching.*,
        row_number() over (
            partition by coaching.coaching_id
            order by coaching.source_line_number desc
        ) as recency_rank
    from coaching
    inner join reference_date
        on coaching.delivery_date = reference_date.reference_date
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        coaching_id,
        application_id,
        provider_id,
        coaching_form_code,
        started_on,
        ended_on
    from ranked
    where recency_rank = 1
)

select * from final
