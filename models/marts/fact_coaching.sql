with

coaching as (
    select * from {{ ref('int_coaching_current') }}
),

applications as (
    select
        application_id,
        organisation_id
    from {{ ref('int_applications_current') }}
),

organisations as (
    select
        organisation_key,
        organisation_id,
        valid_from,
        valid_to
    from {{ ref('dim_organisation') }}
),

providers as (
    select
        provider_key,
        provider_id
    from {{ ref('dim_provider') }}
),

joined as (
    select
        coaching.coaching_id,
        coaching.application_id,
        coalesce(organisations.organisation_key, -1) as organisation_key,
        applications.organisation_id,
        coalesce(providers.provider_key, -1) as provider_key,
        coaching.provider_id,
        coaching.coaching_form_code,
        coaching.started_on,
        coaching.ended_on,
        -- int_coaching_current holds the newest delivery only: a row's
        -- delivery_date is the reference date
        coalesce({{ imw_is_active_on(
            'coaching.started_on',
            'coaching.ended_on',
            none,
            'coaching.delivery_date'
        ) }}, false) as is_active_on_reference_date,
        coaching.delivery_date,
        coaching.source_line_number
    from coaching
    left join applications
        on coaching.application_id = applications.application_id
    left join organisations
        on
            applications.organisation_id = organisations.organisation_id
            and coaching.delivery_date
            between organisations.valid_from and organisations.valid_to
    left join providers
        on coaching.provider_id = providers.provider_id
),

final as (
    select * from joined
)

select * from final
