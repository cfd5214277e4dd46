{#- The INSZ is read here and nowhere else: it is replaced by a keyed pseudonym
    and a check-digit flag before the first materialisation. -#}
with

premium_types as (
    select premium_type_code from {{ ref('ref_premium_types') }}
),

premium_type_labels as (
    select
        source_label_normalised,
        premium_type_code
    from {{ ref('ref_premium_type_labels') }}
),

located_rows as (
    {{ imw_locate_source_rows(source('imw', 'aanvragen')) }}
),

located as (
    select
        *,
        {{ imw_normalise_insz('insz') }} as insz_digits
    from located_rows
),

renamed as (
    select
        -- lineage
        located.delivery_date,
        {{ imw_file_name_from_path('located.filename') }} as source_file,
        located.source_line_number,
        located.field_count_issue,

        -- raw text as delivered (except the INSZ), for the quarantine
        located.aanvraag_id as raw_aanvraag_id,
        located.organisatie_id as raw_organisatie_id,
        located.premietype as raw_premietype,
        located.aanvraagsoort as raw_aanvraagsoort,
        located.vorige_maatregel as raw_vorige_maatregel,
        located.ingediend_op as raw_ingediend_op,
        located.status as raw_status,
        located.beslist_op as raw_beslist_op,
        located.premie_start as raw_premie_start,
        located.premie_einde as raw_premie_einde,
        located.premie_stopgezet_op as raw_premie_stopgezet_op,
        located.loonpremie_pct as raw_loonpremie_pct,
        located.gewijzigd_op as raw_gewijzigd_op,
        located.__extra as raw_extra_field,

        -- ids
        nullif(trim(located.aanvraag_id), '') as application_id,
        nullif(trim(located.organisatie_id), '') as organisation_id,
        {{ imw_pseudonymise('located.insz_digits') }} as worker_pseudonym,

        -- strings
        coalesce(
            premium_types.premium_type_code, premium_type_labels.premium_type_code
        ) as premium_type_code,
        nullif(upper(trim(located.aanvraagsoort)), '') as application_kind_code,
        nullif(upper(trim(located.vorige_maatregel)), '') as previous_measure_code,
        nullif(upper(trim(located.status)), '') as status_code,

        -- numerics
        {{ imw_parse_decimal_comma('located.loonpremie_pct') }} as wage_premium_pct,

        -- booleans
        {{ imw_insz_is_valid('located.insz_digits') }} as insz_is_valid,

        -- dates
        {{ imw_parse_date('located.ingediend_op') }} as submitted_on,
        {{ imw_parse_date('located.beslist_op') }} as decided_on,
        {{ imw_parse_date('located.premie_start') }} as premium_start_on,
        {{ imw_parse_date('located.premie_einde') }} as premium_end_on,
        {{ imw_parse_date('located.premie_stopgezet_op') }} as premium_stopped_on,

        -- timestamps
        {{ imw_parse_timestamp('located.gewijzigd_op') }} as changed_at
    from located
    left join premium_types
        on upper(trim(located.premietype)) = premium_types.premium_type_code
    left join premium_type_labels
        on lower(trim(located.premietype)) = premium_type_labels.source_label_normalised
),

final as (
    select * from renamed
)

select * from final
