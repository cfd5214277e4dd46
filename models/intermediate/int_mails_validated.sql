{#- Every delivered mail row with its quarantine reason (null = clean). -#}
with

mails as (
    select * from {{ ref('stg_imw__mails') }}
),

checked as (
    select
        *,
        nullif(concat_ws(
            '; ',
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
