{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
    )
}}
{#- Every delivered provider row with its quarantine reason (null = clean).
    Incremental: each delivery is read and validated once (a run takes the
    deliveries not loaded yet); the checks depend on the row alone, so a
    row's reason never changes. -#}
with

providers as (
    select * from {{ ref('stg_imw__providers') }}
    where {{ imw_not_loaded_yet() }}
),

provider_kinds as (
    select provider_kind_code from {{ ref('ref_provider_kinds') }}
),

checked as (
    select
        providers.*,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            providers.field_count_issue,
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
