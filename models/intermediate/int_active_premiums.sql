{#- One row per premium per snapshot date on which it is active: an approved
    application whose premium started on or before the date, did not end before
    it and was not stopped on or before it (imw_is_active_on). -#}
with

applications as (
    select * from {{ ref('int_applications_current') }}
    where status_code = 'GOEDGEKEURD'
),

snapshot_dates as (
    select * from {{ ref('int_snapshot_dates') }}
),

final as (
    select
        snapshot_dates.snapshot_date,
        snapshot_dates.is_reference_date,
        applications.application_id,
        applications.organisation_id,
        applications.premium_type_code
    from applications
    inner join snapshot_dates
        on {{ imw_is_active_on(
            'applications.premium_start_on',
            'applications.premium_end_on',
            'applications.premium_stopped_on',
            'snapshot_dates.snapshot_date'
        ) }}
)

select * from final
