with

applications as (
    select * from {{ ref('int_applications_current') }}
),

organisations as (
    select
        organisation_key,
        organisation_id,
        valid_from,
        valid_to
    from {{ ref('dim_organisation') }}
),

premium_types as (
    select
        premium_type_key,
        premium_type_code
    from {{ ref('dim_premium_type') }}
),

quarters as (
    select quarter_key from {{ ref('dim_quarter') }}
),

statuses as (
    select
        status_code,
        counts_as_submitted
    from {{ ref('ref_application_statuses') }}
),

joined as (
    select
        applications.application_id,
        coalesce(organisations.organisation_key, -1) as organisation_key,
        applications.organisation_id,
        applications.worker_pseudonym,
        coalesce(premium_types.premium_type_key, -1) as premium_type_key,
        applications.premium_type_code,
        applications.application_kind_code,
        applications.previous_measure_code,
        applications.status_code,
        coalesce(submitted_quarters.quarter_key, -1) as submitted_quarter_key,
        coalesce(decided_quarters.quarter_key, -1) as decided_quarter_key,
        applications.wage_premium_pct,
        cast(
            {{ dbt.datediff(
                'applications.submitted_on', 'applications.decided_on', 'day'
            ) }}
            as integer
        ) as processing_days,
        applications.insz_is_valid,
        coalesce(statuses.counts_as_submitted, false) as counts_as_submitted,
        {{ imw_is_decided_before_submitted(
            'applications.decided_on', 'applications.submitted_on'
        ) }} as is_decided_before_submitted,
        applications.submitted_on,
        applications.decided_on,
        applications.premium_start_on,
        applications.premium_end_on,
        applications.premium_stopped_on,
        applications.changed_at,
        {{ imw_brussels_wall_clock('applications.changed_at') }} as changed_at_local,
        applications.delivery_date,
        applications.source_line_number
    from applications
    left join organisations
        on
            applications.organisation_id = organisations.organisation_id
            -- without a submission date: the current version (valid to the end of
            -- time); one range condition (no `or`) keeps this a hash join
            and coalesce(applications.submitted_on, {{ imw_end_of_time() }})
            between organisations.valid_from and organisations.valid_to
    left join premium_types
        on applications.premium_type_code = premium_types.premium_type_code
    left join quarters as submitted_quarters
        on
            {{ imw_quarter_key('applications.submitted_on') }}
            = submitted_quarters.quarter_key
    left join quarters as decided_quarters
        on
            {{ imw_quarter_key('applications.decided_on') }}
            = decided_quarters.quarter_key
    left join statuses
        on applications.status_code = statuses.status_code
),

final as (
    select * from joined
)

select * from final
