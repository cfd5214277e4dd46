with

located as (
    {{ imw_locate_source_rows(source('imw', 'organisaties')) }}
),

renamed as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered, for the quarantine
        located.organisatie_id as raw_organisatie_id,
        located.kbo_nummer as raw_kbo_nummer,
        located.buitenlands_nummer as raw_buitenlands_nummer,
        located.naam as raw_naam,
        located.nace_code as raw_nace_code,
        located.is_maatwerkbedrijf as raw_is_maatwerkbedrijf,
        located.postcode as raw_postcode,
        located.gemeente as raw_gemeente,
        located.land as raw_land,
        located.gewijzigd_op as raw_gewijzigd_op,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.organisatie_id), '') as organisation_id,
        {{ imw_normalise_kbo('located.kbo_nummer') }} as kbo_number,
        nullif(trim(located.buitenlands_nummer), '') as foreign_registration_number,

        -- strings
        nullif(trim(located.naam), '') as organisation_name,
        nullif(replace(trim(located.nace_code), '.', ''), '') as nace_subclass_code,
        nullif(trim(located.postcode), '') as postcode,
        nullif(trim(located.gemeente), '') as municipality,
        nullif(upper(trim(located.land)), '') as country_code,

        -- numerics
        {{ imw_try_cast("nullif(trim(located.postcode), '')", dbt.type_int()) }}
            as postcode_number,

        -- booleans
        case upper(trim(located.is_maatwerkbedrijf))
            when 'J' then true
            when 'N' then false
        end as is_maatwerkbedrijf,

        -- timestamps
        {{ imw_parse_timestamp('located.gewijzigd_op') }} as changed_at
    from located
),

final as (
    select
        *,
        {{ imw_kbo_is_valid('kbo_number') }} as kbo_is_valid
    from renamed
)

select * from final
