-- F9 Coaching on the reference date (deck: "Begeleiding in IMW").
--
-- Definition: a trajectory is active on d when start <= d and end is empty or >= d
-- (fact_coaching.is_active_on_reference_date). Per coaching form: INTERN (by the
-- employer), EXTERN (by a recognised provider), UITZEND (by a registered temp agency).
-- Providers count when their recognition/registration covers the reference date.
-- The deck: 449 EXTERN by 58 of the 93 recognised providers; 1.127 INTERN in 246
-- organisations; 3 temp agencies, 1 UITZEND trajectory.
with

coaching as (
    select * from {{ ref('fact_coaching') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

snapshot_dates as (
    select * from {{ ref('dim_snapshot_date') }}
),

reference_date as (
    select snapshot_date as reference_date
    from snapshot_dates
    where is_reference_date
),

active_trajectories as (
    select
        coaching_form_code,
        count(*) as active_trajectories,
        count(distinct provider_id) as distinct_providers,
        count(distinct organisation_id) as distinct_organisations
    from coaching
    where is_active_on_reference_date
    group by coaching_form_code
),

providers_on_reference_date as (
    select
        providers.provider_kind_code,
        count(*) as providers
    from providers
    cross join reference_date
    where
        providers.recognised_from <= reference_date.reference_date
        and (
            providers.recognised_to is null
            or providers.recognised_to >= reference_date.reference_date
        )
    group by providers.provider_kind_code
),

final as (
    select
        active_trajectories.coaching_form_code,
        active_trajectories.active_trajectories,
        active_trajectories.distinct_providers,
        active_trajectories.distinct_organisations,
        -- recognised providers (EXTERN) or registered temp agencies (UITZEND)
        providers_on_reference_date.providers as providers_on_reference_date
    from active_trajectories
    left join providers_on_reference_date
        on
            providers_on_reference_date.provider_kind_code
            = case active_trajectories.coaching_form_code
                when 'EXTERN' then 'ERKEND'
                when 'UITZEND' then 'UITZEND'
            end
    order by active_trajectories.coaching_form_code
)

select * from final
