with

located as (
    {{ imw_locate_source_rows(source('imw', 'afrekeningen')) }}
),

final as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered, for the quarantine
        located.afrekening_id as raw_afrekening_id,
        located.aanvraag_id as raw_aanvraag_id,
        located.component as raw_component,
        located.periode_van as raw_periode_van,
        located.periode_tot as raw_periode_tot,
        located.bedrag as raw_bedrag,
        located.geboekt_op as raw_geboekt_op,
        located.corrigeert as raw_corrigeert,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.afrekening_id), '') as settlement_id,
        nullif(trim(located.aanvraag_id), '') as application_id,
        nullif(trim(located.corrigeert), '') as corrects_settlement_id,

        -- strings
        nullif(upper(trim(located.component)), '') as component_code,

        -- numerics
        {{ imw_parse_amount('located.bedrag') }} as amount,

        -- dates
        {{ imw_parse_date('located.periode_van') }} as period_from,
        {{ imw_parse_date('located.periode_tot') }} as period_to,
        {{ imw_parse_date('located.geboekt_op') }} as booked_on
    from located
)

select * from final
