{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('per_edition'),
    )
}}
{#- Every application as each edition of the figure book saw it: the rows of
    fact_application (and, for F3, whether its premium is active on the reference
    date) under the reference date of the run. What figure_change_reasons compares
    between consecutive editions. Incremental: a run adds (or replaces) its own
    edition and keeps the earlier ones, as figure_book_as_of does. -#}
with

applications as (
    select * from {{ ref('fact_application') }}
),

active_premiums as (
    select
        application_id,
        is_head_office_abroad
    from {{ ref('fact_active_premium') }}
    where is_reference_date
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

final as (
    select
        reference_date.reference_date,
        applications.application_id,
        applications.premium_type_code,
        applications.status_code,
        applications.counts_as_submitted,
        applications.status_code = 'GOEDGEKEURD' as is_approved,
        applications.submitted_on,
        applications.decided_on,
        applications.premium_start_on,
        applications.premium_end_on,
        applications.premium_stopped_on,
        {{ imw_figure_quarter_label('submitted_quarters') }} as submitted_quarter_label,
        {{ imw_figure_year_label('submitted_quarters') }} as submitted_year_label,
        {{ imw_figure_quarter_label('decided_quarters') }} as decided_quarter_label,
        {{ imw_figure_year_label('decided_quarters') }} as decided_year_label,
        active_premiums.application_id is not null as is_active_on_reference_date,
        coalesce(active_premiums.is_head_office_abroad, false) as is_head_office_abroad
    from applications
    cross join reference_date
    inner join quarters as submitted_quarters
        on applications.submitted_quarter_key = submitted_quarters.quarter_key
    inner join quarters as decided_quarters
        on applications.decided_quarter_key = decided_quarters.quarter_key
    left join active_premiums
        on applications.application_id = active_premiums.application_id
)

select * from final
