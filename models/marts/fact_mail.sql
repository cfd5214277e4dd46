{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('newest_wins', key='mail_id'),
    )
}}
with

mails as (
    select * from {{ ref('int_mails_deduplicated') }}
    where {{ imw_not_loaded_yet('mail_id', newer_deliveries=true) }}
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
        -- elapsed time between the two instants, across daylight-saving changes
        cast(
            {{ imw_elapsed_seconds('mails.received_at', 'mails.handled_at') }}
            / 86400.0
            as double
        ) as handling_days,
        mails.received_at,
        mails.handled_at,
        -- what the Brussels clock showed, and the Brussels date of handling
        {{ imw_brussels_wall_clock('mails.received_at') }} as received_at_local,
        {{ imw_brussels_wall_clock('mails.handled_at') }} as handled_at_local,
        cast({{ imw_brussels_wall_clock('mails.handled_at') }} as date) as handled_on,
        mails.delivery_date,
        mails.source_line_number
    from mails
    left join mailboxes
        on mails.mailbox_code = mailboxes.mailbox_code
)

select * from final
