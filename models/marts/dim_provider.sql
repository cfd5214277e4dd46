with

providers as (
    select * from {{ ref('int_providers_current') }}
),

provider_kinds as (
    select * from {{ ref('ref_provider_kinds') }}
),

natural_person_numbers as (
    select distinct kbo_number
    from {{ ref('int_natural_persons') }}
    where kbo_number is not null
),

known_providers as (
    select
        cast(
            row_number() over (order by providers.provider_id) as integer
        ) as provider_key,
        providers.provider_id,
        -- a provider with the enterprise number of a self-employed person is that
        -- natural person: name and number withheld
        case
            when natural_person_numbers.kbo_number is null then providers.provider_name
            else 'Zelfstandige (naam afgeschermd)'
        end as provider_name,
        case
            when natural_person_numbers.kbo_number is null then providers.kbo_number
        end as kbo_number,
        providers.kbo_is_valid,
        providers.provider_kind_code,
        provider_kinds.label_nl as provider_kind_label_nl,
        providers.recognised_from,
        providers.recognised_to,
        providers.postcode
    from providers
    left join natural_person_numbers
        on providers.kbo_number = natural_person_numbers.kbo_number
    left join provider_kinds
        on providers.provider_kind_code = provider_kinds.provider_kind_code
),

unknown_member as (
    select
        -1 as provider_key,
        'ONBEKEND' as provider_id,
        'Onbekend' as provider_name,
        cast(null as {{ dbt.type_string() }}) as kbo_number,
        cast(null as boolean) as kbo_is_valid,
        'ONBEKEND' as provider_kind_code,
        'Onbekend' as provider_kind_label_nl,
        cast(null as date) as recognised_from,
        cast(null as date) as recognised_to,
        cast(null as {{ dbt.type_string() }}) as postcode
),

final as (
    select * from known_providers
    union all
    select * from unknown_member
)

select * from final
