{#- Every delivered provider row with its quarantine reason (null = clean). -#}
with

providers as (
    select * from {{ ref('stg_imw__providers') }}
),

provider_kinds as (
    select provider_kind_code from {{ ref('ref_provider_kinds') }}
),

checked as (
    select
        providers.*,
        nullif(concat_ws(
            '; ',
            case
                when providers.provider_id is null then 'missing dienstverlener_id'
            end,
            case
                when provider_kinds.provider_kind_code is null
                    then 'unknown soort'
            end,
            case
                when
                    providers.recognised_from is null
                    and trim(providers.raw_erkend_vanaf) <> ''
                    then 'unparseable erkend_vanaf'
            end,
            case
                when
                    providers.recognised_to is null
                    and trim(providers.raw_erkend_tot) <> ''
                    then 'unparseable erkend_tot'
            end
        ), '') as quarantine_reason
    from providers
    left join provider_kinds
        on providers.provider_kind_code = provider_kinds.provider_kind_code
),

final as (
    select * from checked
)

select * from final
