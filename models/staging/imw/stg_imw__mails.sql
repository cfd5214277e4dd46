with

located as (
    {{ imw_locate_source_rows(source('imw', 'mails')) }}
),

final as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered, for the quarantine
        located.mail_id as raw_mail_id,
        located.postvak as raw_postvak,
        located.ontvangen_op as raw_ontvangen_op,
        located.afgehandeld_op as raw_afgehandeld_op,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.mail_id), '') as mail_id,

        -- strings
        nullif(upper(trim(located.postvak)), '') as mailbox_code,

        -- timestamps
        {{ imw_parse_timestamp('located.ontvangen_op') }} as received_at,
        {{ imw_parse_timestamp('located.afgehandeld_op') }} as handled_at
    from located
)

select * from final
