{{
    config(
        materialized='incremental',
        unique_key='mail_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
with

mails as (
    select * from {{ ref('int_mails_deduplicated') }}
    {%- if is_incremental() %}
        where
            delivery_date > (
                select coalesce(max(delivery_date), cast('1900-01-01' as date))
                from {{ this }}
            )
            or mail_id not in (select loaded.mail_id from {{ this }} as loaded)
    {%- endif %}
),

mailboxes as (
    select
        mailbox_code,
        is_reported
    from {{ ref('ref_mailboxes') }}
),

final as (
    select
        mails.mail_id,
        mails.mailbox_code,
        coalesce(mailboxes.is_reported, false) as is_functional_mailbox,
        mails.handled_at is not null as is_handled,
        cast(
            {{ dbt.datediff('mails.received_at', 'mails.handled_at', 'second') }} / 86400.0
            as double
        ) as handling_days,
        mails.received_at,
        mails.handled_at,
        cast(mails.handled_at as date) as handled_on,
        mails.delivery_date,
        mails.source_line_number
    from mails
    left join mailboxes
        on mails.mailbox_code = mailboxes.mailbox_code
)

select * from final
