with

providers as (
    select * from {{ ref('int_providers_current') }}
),

provider_kinds as (
    select * from {{ ref('ref_provider_kinds') }}
),

known_providers as (
    select
        cast(
            row_number() over (order by providers.provider_id) as integer
        ) as provider_key,
        providers.provider_id,
        providers.provider_name,
        providers.kbo_number,
        providers.kbo_is_valid,
        providers.provider_kind_code,
        provider_kinds.label_nl as provider_kind_label_nl,
        providers.recognised_from,
        providers.recognised_to,
        providers.postcode
    from providers
    left join provider_kinds
        on providers.provider_kind_code = provider_kinds.provider_kind_code
),

unknown_member as (
    select
        -1 as provider_key,
        'ONBEKEND' as provider_id,
        'Onbekend' as provider_name,
        cast(null as varchar) as kbo_number,
        cast(null as boolean) as kbo_is_valid,
        'ONBEKEND' as provider_kind_code,
        'Onbekend' as provider_kind_label_nl,
        cast(null as date) as recognised_from,
        cast(null as date) as recognised_to,
        cast(null as varchar) as postcode
),

final as (
    select * from known_providers
    union all
    select * from unknown_member
)

select * from final
