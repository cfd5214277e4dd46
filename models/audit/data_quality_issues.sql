{#- Keep-and-flag: one row per issue of a kept (not quarantined) delivered row.
    The row still counts; this says what is wrong with it. issue_value quotes the
    delivered value, except for a self-employed person (a natural person): their
    raw values are not published. -#}
with

organisations as (
    select * from {{ ref('int_organisations_validated') }}
    where quarantine_reason is null
),

providers as (
    select * from {{ ref('int_providers_validated') }}
    where quarantine_reason is null
),

applications as (
    select * from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
),

coaching as (
    select * from {{ ref('int_coaching_validated') }}
    where quarantine_reason is null
),

mails as (
    select * from {{ ref('int_mails_validated') }}
    where quarantine_reason is null
),

settlements as (
    select * from {{ ref('int_settlements_validated') }}
    where quarantine_reason is null
),

self_employed as (
    select distinct organisation_id from {{ ref('int_natural_persons') }}
),

natural_person_numbers as (
    select distinct kbo_number
    from {{ ref('int_natural_persons') }}
    where kbo_number is not null
),

settlement_ids as (
    select distinct settlement_id from settlements
),

nace_subclasses as (
    select subclass_code from {{ ref('ref_nace_subclasses') }}
),

postal_code_ranges as (
    select * from {{ ref('ref_postal_code_ranges') }}
),

previous_measures as (
    select previous_measure_code from {{ ref('ref_previous_measures') }}
),

mailboxes as (
    select mailbox_code from {{ ref('ref_mailboxes') }}
),

delivered_postcodes as (
    select distinct
        delivery_date,
        postcode_number
    from organisations
),

organisation_postcodes as (
    select
        delivered_postcodes.delivery_date,
        delivered_postcodes.postcode_number,
        count(postal_code_ranges.province_nis_code) as matching_ranges
    from delivered_postcodes
    left join postal_code_ranges
        on
            delivered_postcodes.postcode_number
            between postal_code_ranges.postcode_from and postal_code_ranges.postcode_to
            and delivered_postcodes.delivery_date >= postal_code_ranges.valid_from
            and (
                postal_code_ranges.valid_to is null
                or delivered_postcodes.delivery_date <= postal_code_ranges.valid_to
            )
    group by delivered_postcodes.delivery_date, delivered_postcodes.postcode_number
),

organisation_checks as (
    select
        organisations.source_file,
        organisations.delivery_date,
        organisations.source_line_number,
        organisations.organisation_id,
        -- the delivered values, withheld for a natural person
        case
            when self_employed.organisation_id is null then organisations.raw_kbo_nummer
        end as raw_kbo_nummer,
        case
            when self_employed.organisation_id is null then organisations.raw_nace_code
        end as raw_nace_code,
        case
            when self_employed.organisation_id is null then organisations.raw_postcode
        end as raw_postcode,
        case
            when self_employed.organisation_id is null then organisations.raw_land
        end as raw_land,
        case
            when self_employed.organisation_id is null
                then organisations.raw_is_maatwerkbedrijf
        end as raw_is_maatwerkbedrijf,
        organisations.kbo_is_valid = false as has_invalid_kbo,
        organisations.nace_subclass_code is null as has_missing_nace,
        organisations.nace_subclass_code is not null
        and nace_subclasses.subclass_code is null as has_unknown_nace,
        coalesce(organisations.country_code, 'BE') <> 'BE' as has_foreign_postcode,
        coalesce(organisations.country_code, 'BE') = 'BE'
        and coalesce(organisation_postcodes.matching_ranges, 0) = 0
            as has_unknown_postcode,
        organisations.country_code is null as has_missing_country,
        organisations.is_maatwerkbedrijf is null as has_invalid_maatwerkbedrijf_flag
    from organisations
    left join organisation_postcodes
        on
            organisations.delivery_date = organisation_postcodes.delivery_date
            and organisations.postcode_number = organisation_postcodes.postcode_number
    left join nace_subclasses
        on organisations.nace_subclass_code = nace_subclasses.subclass_code
    left join self_employed
        on organisations.organisation_id = self_employed.organisation_id
),

organisation_issues as (
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'kbo_check_digits_failed' as issue_code,
        raw_kbo_nummer as issue_value
    from organisation_checks
    where has_invalid_kbo
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'nace_missing' as issue_code,
        raw_nace_code as issue_value
    from organisation_checks
    where has_missing_nace
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'nace_unknown' as issue_code,
        raw_nace_code as issue_value
    from organisation_checks
    where has_unknown_nace
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'postcode_foreign' as issue_code,
        nullif(coalesce(raw_land, '') || ' ' || coalesce(raw_postcode, ''), ' ')
            as issue_value
    from organisation_checks
    where has_foreign_postcode
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'postcode_unknown' as issue_code,
        raw_postcode as issue_value
    from organisation_checks
    where has_unknown_postcode
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'country_missing' as issue_code,
        raw_land as issue_value
    from organisation_checks
    where has_missing_country
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        'maatwerkbedrijf_flag_invalid' as issue_code,
        raw_is_maatwerkbedrijf as issue_value
    from organisation_checks
    where has_invalid_maatwerkbedrijf_flag
),

provider_issues as (
    select
        providers.source_file,
        providers.delivery_date,
        providers.source_line_number,
        providers.provider_id as natural_key,
        'kbo_check_digits_failed' as issue_code,
        case
            when natural_person_numbers.kbo_number is null then providers.raw_kbo_nummer
        end as issue_value
    from providers
    left join natural_person_numbers
        on providers.kbo_number = natural_person_numbers.kbo_number
    where providers.kbo_is_valid = false
),

application_checks as (
    select
        applications.source_file,
        applications.delivery_date,
        applications.source_line_number,
        applications.application_id,
        applications.raw_ingediend_op,
        applications.raw_beslist_op,
        applications.raw_vorige_maatregel,
        applications.insz_is_valid = false as has_invalid_insz,
        applications.insz_is_valid is null as has_missing_insz,
        coalesce(applications.decided_on < applications.submitted_on, false)
            as has_decision_before_submission,
        applications.previous_measure_code is not null
        and previous_measures.previous_measure_code is null
            as has_unknown_previous_measure
    from applications
    left join previous_measures
        on applications.previous_measure_code = previous_measures.previous_measure_code
),

application_issues as (
    select
        source_file,
        delivery_date,
        source_line_number,
        application_id as natural_key,
        'insz_check_digits_failed' as issue_code,
        cast(null as varchar) as issue_value
    from application_checks
    where has_invalid_insz
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        application_id as natural_key,
        'insz_missing' as issue_code,
        cast(null as varchar) as issue_value
    from application_checks
    where has_missing_insz
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        application_id as natural_key,
        'decision_before_submission' as issue_code,
        raw_ingediend_op || ' > ' || raw_beslist_op as issue_value
    from application_checks
    where has_decision_before_submission
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        application_id as natural_key,
        'previous_measure_unknown' as issue_code,
        raw_vorige_maatregel as issue_value
    from application_checks
    where has_unknown_previous_measure
),

coaching_issues as (
    select
        source_file,
        delivery_date,
        source_line_number,
        coaching_id as natural_key,
        'provider_missing' as issue_code,
        raw_vorm as issue_value
    from coaching
    where coaching_form_code in ('EXTERN', 'UITZEND') and provider_id is null
),

mail_issues as (
    select
        mails.source_file,
        mails.delivery_date,
        mails.source_line_number,
        mails.mail_id as natural_key,
        'mailbox_unknown' as issue_code,
        mails.raw_postvak as issue_value
    from mails
    left join mailboxes
        on mails.mailbox_code = mailboxes.mailbox_code
    where mailboxes.mailbox_code is null
    union all
    select
        source_file,
        delivery_date,
        source_line_number,
        mail_id as natural_key,
        'handled_before_received' as issue_code,
        raw_ontvangen_op || ' > ' || raw_afgehandeld_op as issue_value
    from mails
    where handled_at < received_at
),

settlement_issues as (
    select
        settlements.source_file,
        settlements.delivery_date,
        settlements.source_line_number,
        settlements.settlement_id as natural_key,
        'corrected_booking_unknown' as issue_code,
        settlements.raw_corrigeert as issue_value
    from settlements
    left join settlement_ids
        on settlements.corrects_settlement_id = settlement_ids.settlement_id
    where
        settlements.corrects_settlement_id is not null
        and settlement_ids.settlement_id is null
),

final as (
    select * from organisation_issues
    union all
    select * from provider_issues
    union all
    select * from application_issues
    union all
    select * from coaching_issues
    union all
    select * from mail_issues
    union all
    select * from settlement_issues
)

select * from final
