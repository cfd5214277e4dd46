{{
    config(
        materialized='incremental',
        unique_key='mail_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#- One row per mail (mail_id) over all deltas: a mail still open in one delta
    comes back handled in a later one, so the row of the newest delivery wins
    (the last line within a file). Incremental on the delivery date, like the
    settlements; a full refresh gives the same rows. -#}
with

mails as (
    select validated_mails.*
    from {{ ref('int_mails_validated') }} as validated_mails
    where
        validated_mails.quarantine_reason is null
        {%- if is_incremental() %}
            and (
                validated_mails.delivery_date > (
                    select max(loaded.delivery_date)
                    from {{ this }} as loaded
                )
                or validated_mails.mail_id not in (
                    select loaded.mail_id from {{ this }} as loaded
                )
            )
        {%- endif %}
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
