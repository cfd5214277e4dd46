with

active_premiums as (
    select * from {{ ref('int_active_premiums') }}
),

organisations as (
    select * from {{ ref('dim_organisation') }}
),

premium_types as (
    select
        premium_type_key,
        premium_type_code
    from {{ ref('dim_premium_type') }}
),

joined as (
    select
        active_premiums.snapshot_date,
        active_premiums.application_id,
        coalesce(organisations.organisation_key, -1) as organisation_key,
        active_premiums.organisation_id,
        coalesce(premium_types.premium_type_key, -1) as premium_type_key,
        active_premiums.premium_type_code,
        coalesce(organisations.province_key, -1) as province_key,
        coalesce(organisations.province_code, 'ONBEKEND') as province_code,
        coalesce(organisations.sector_key, -1) as sector_key,
        coalesce(organisations.is_maatwerkbedrijf, false) as is_maatwerkbedrijf,
        coalesce(organisations.is_head_office_abroad, false) as is_head_office_abroad,
        active_premiums.is_reference_date
    from active_premiums
    left join organisations
        on
            active_premiums.organisation_id = organisations.organisation_id
            and active_premiums.snapshot_date
            between organisations.valid_from and organisations.valid_to
    left join premium_types
        on active_premiums.premium_type_code = premium_types.premium_type_code
),

final as (
    select * from joined
)

select * from final
