{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
    )
}}
{#- Every delivered mail row with its quarantine reason (null = clean).
    Incremental: each delivery is read and validated once (a run takes the
    deliveries not loaded yet); the checks depend on the row alone, so a
    row's reason never changes. -#}
with

mails as (
    select * from {{ ref('stg_imw__mails') }}
    where {{ imw_not_loaded_yet() }}
),

checked as (
    select
        *,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            field_count_issue,
            case when mail_id is null then 'missing mail_id' end,
            {{ imw_unparseable_timestamp_reason(
                'raw_ontvangen_op', 'received_at', 'ontvangen_op'
            ) }},
            {{ imw_unparseable_timestamp_reason(
                'raw_afgehandeld_op', 'handled_at', 'afgehandeld_op'
            ) }}
        ), '') as quarantine_reason
    from mails
),

final as (
    select * from checked
)

select * from final
