with

located as (
    {{ imw_locate_source_rows(source('imw', 'dienstverleners')) }}
),

renamed as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered, for the quarantine
        located.dienstverlener_id as raw_dienstverlener_id,
        located.naam as raw_naam,
        located.kbo_nummer as raw_kbo_nummer,
        located.soort as raw_soort,
        located.erkend_vanaf as raw_erkend_vanaf,
        located.erkend_tot as raw_erkend_tot,
        located.postcode as raw_postcode,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.dienstverlener_id), '') as provider_id,
        {{ imw_normalise_kbo('located.kbo_nummer') }} as kbo_number,

        -- strings
        nullif(trim(located.naam), '') as provider_name,
        nullif(upper(trim(located.soort)), '') as provider_kind_code,
        nullif(trim(located.postcode), '') as postcode,

        -- dates
        {{ imw_parse_date('located.erkend_vanaf') }} as recognised_from,
        {{ imw_parse_date('located.erkend_tot') }} as recognised_to
    from located
),

final as (
    select
        *,
        {{ imw_kbo_is_valid('kbo_number') }} as kbo_is_valid
    from renamed
)

select * from final
