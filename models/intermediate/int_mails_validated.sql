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
    where {{ imw_new_deliveries_only() }}
),

checked as (
    select
        *,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            field_count_issue,
            case when mail_id is null then 'missing mail_id' end,
            case
                when received_at is null and trim(raw_ontvangen_op) <> ''
                    then 'unparseable ontvangen_op'
            end,
            case
                when handled_at is null and trim(raw_afgehandeld_op) <> ''
                    then 'unparseable afgehandeld_op'
            end
        ), '') as quarantine_reason
    from mails
),

final as (
    select * from checked
)

select * from final
