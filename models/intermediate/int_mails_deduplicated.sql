{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('newest_wins', key='mail_id'),
    )
}}
{#- One row per mail (mail_id) over all deltas: a mail still open in one delta
    comes back handled in a later one, so the row of the newest delivery wins
    (the last line within a file). Incremental: a run takes the clean rows of
    deliveries newer than those loaded and of mails not loaded yet
    (imw_not_loaded_yet), so a full refresh gives the same rows. -#}
with

mails as (
    select * from {{ ref('int_mails_validated') }}
    where
        quarantine_reason is null
        and {{ imw_not_loaded_yet('mail_id', newer_deliveries=true) }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by mail_id
            order by delivery_date desc, source_line_number desc
        ) as recency_rank
    from mails
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        mail_id,
        mailbox_code,
        received_at,
        handled_at
    from ranked
    where recency_rank = 1
)

select * from final
