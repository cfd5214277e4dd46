with

source as (
    select
        *,
        row_number() over () as scan_row_number
    from {{ source('imw', 'mails') }}
),

complete_deliveries as (
    select delivery_date from {{ ref('stg_imw__deliveries') }}
),

located as (
    select
        *,
        {{ imw_delivery_date_from_path('filename') }} as delivery_date,
        scan_row_number
        - min(scan_row_number) over (partition by filename) + 2 as source_line_number
    from source
),

final as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,

        -- raw text as delivered, for the quarantine
        located.mail_id as raw_mail_id,
        located.postvak as raw_postvak,
        located.ontvangen_op as raw_ontvangen_op,
        located.afgehandeld_op as raw_afgehandeld_op,

        -- ids
        nullif(trim(located.mail_id), '') as mail_id,

        -- strings
        nullif(upper(trim(located.postvak)), '') as mailbox_code,

        -- timestamps
        {{ imw_parse_timestamp('located.ontvangen_op') }} as received_at,
        {{ imw_parse_timestamp('located.afgehandeld_op') }} as handled_at
    from located
    inner join complete_deliveries
        on located.delivery_date = complete_deliveries.delivery_date
)

select * from final
