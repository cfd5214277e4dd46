with

located as (
    {{ imw_locate_source_rows(source('imw', 'begeleidingen')) }}
),

final as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered, for the quarantine
        located.begeleiding_id as raw_begeleiding_id,
        located.aanvraag_id as raw_aanvraag_id,
        located.vorm as raw_vorm,
        located.dienstverlener_id as raw_dienstverlener_id,
        located.start as raw_start,
        located.einde as raw_einde,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.begeleiding_id), '') as coaching_id,
        nullif(trim(located.aanvraag_id), '') as application_id,
        nullif(trim(located.dienstverlener_id), '') as provider_id,

        -- strings
        nullif(upper(trim(located.vorm)), '') as coaching_form_code,

        -- dates
        {{ imw_parse_date('located.start') }} as started_on,
        {{ imw_parse_date('located.einde') }} as ended_on
    from located
)

select * from final
