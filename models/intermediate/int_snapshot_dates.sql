{#- The dates of the active-premium snapshots: every calendar quarter end from
    the end of the first quarter of the reference period (30/09/2023) up to the
    reference date, and the reference date itself. -#}
with

quarters as (
    {{ imw_quarter_start_dates(var('reporting_period_start'), '2100-01-01') }}
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

quarter_ends as (
    select
        {{ dbt.dateadd(
            'day', -1, dbt.dateadd('month', 3, 'quarters.quarter_start_date')
        ) }} as snapshot_date
    from quarters
),

candidate_dates as (
    select quarter_ends.snapshot_date
    from quarter_ends
    inner join reference_date
        on quarter_ends.snapshot_date <= reference_date.reference_date

    union

    select reference_date as snapshot_date
    from reference_date
),

final as (
    select
        cast(candidate_dates.snapshot_date as date) as snapshot_date,
        candidate_dates.snapshot_date = reference_date.reference_date
            as is_reference_date
    from candidate_dates
    cross join reference_date
)

select * from final
