{#- Keep-and-flag: one row per issue of a kept (not quarantined) delivered row.
    The row still counts; this says what is wrong with it. issue_value quotes the
    delivered value, except for a self-employed person (a natural person): their
    raw values are not published.
    One `<file>_checks` step per delivered file gives each row its lineage, its
    natural key, a flag per check and the values an issue quotes; the list `checks`
    (one entry per issue code: the step, the flag, the value quoted) unpivots them
    into one row per issue. -#}
{%- set checks = [
    ('organisation', 'kbo_check_digits_failed', 'has_invalid_kbo', 'raw_kbo_nummer'),
    ('organisation', 'nace_missing', 'has_missing_nace', 'raw_nace_code'),
    ('organisation', 'nace_unknown', 'has_unknown_nace', 'raw_nace_code'),
    ('organisation', 'postcode_foreign', 'has_foreign_postcode', 'land_and_postcode'),
    ('organisation', 'postcode_unknown', 'has_unknown_postcode', 'raw_postcode'),
    ('organisation', 'country_missing', 'has_missing_country', 'raw_land'),
    (
        'organisation',
        'maatwerkbedrijf_flag_invalid',
        'has_invalid_maatwerkbedrijf_flag',
        'raw_is_maatwerkbedrijf',
    ),
    ('provider', 'kbo_check_digits_failed', 'has_invalid_kbo', 'raw_kbo_nummer'),
    ('application', 'insz_check_digits_failed', 'has_invalid_insz', none),
    ('application', 'insz_missing', 'has_missing_insz', none),
    (
        'application',
        'decision_before_submission',
        'has_decision_before_submission',
        'submitted_and_decided',
    ),
    (
        'application',
        'previous_measure_unknown',
        'has_unknown_previous_measure',
        'raw_vorige_maatregel',
    ),
    ('coaching', 'provider_missing', 'has_missing_provider', 'raw_vorm'),
    ('mail', 'mailbox_unknown', 'has_unknown_mailbox', 'raw_postvak'),
    ('mail', 'handled_before_received', 'is_handled_before_received', 'received_and_handled'),
    (
        'settlement',
        'corrected_booking_unknown',
        'has_unknown_corrected_booking',
        'raw_corrigeert',
    ),
] %}
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

coaching_forms as (
    select
        coaching_form_code,
        needs_provider
    from {{ ref('ref_coaching_forms') }}
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
        on {{ imw_postal_code_range_applies(
            'postal_code_ranges',
            'delivered_postcodes.postcode_number',
            'delivered_postcodes.delivery_date',
            'delivered_postcodes.delivery_date'
        ) }}
    group by delivered_postcodes.delivery_date, delivered_postcodes.postcode_number
),

organisation_values as (
    select
        organisations.*,
        -- the delivered values, withheld for a natural person
        self_employed.organisation_id is not null as is_natural_person,
        organisation_postcodes.matching_ranges,
        nace_subclasses.subclass_code as known_subclass_code
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

organisation_checks as (
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        case when not is_natural_person then raw_kbo_nummer end as raw_kbo_nummer,
        case when not is_natural_person then raw_nace_code end as raw_nace_code,
        case when not is_natural_person then raw_postcode end as raw_postcode,
        case when not is_natural_person then raw_land end as raw_land,
        case
            when not is_natural_person then raw_is_maatwerkbedrijf
        end as raw_is_maatwerkbedrijf,
        case
            when not is_natural_person
                then
                    nullif(
                        coalesce(raw_land, '') || ' ' || coalesce(raw_postcode, ''), ' '
                    )
        end as land_and_postcode,
        kbo_is_valid = false as has_invalid_kbo,
        nace_subclass_code is null as has_missing_nace,
        nace_subclass_code is not null
        and known_subclass_code is null as has_unknown_nace,
        {{ imw_is_head_office_abroad('country_code') }} as has_foreign_postcode,
        not {{ imw_is_head_office_abroad('country_code') }}
        and coalesce(matching_ranges, 0) = 0 as has_unknown_postcode,
        country_code is null as has_missing_country,
        is_maatwerkbedrijf is null as has_invalid_maatwerkbedrijf_flag
    from organisation_values
),

provider_checks as (
    select
        providers.source_file,
        providers.delivery_date,
        providers.source_line_number,
        providers.provider_id as natural_key,
        case
            when natural_person_numbers.kbo_number is null then providers.raw_kbo_nummer
        end as raw_kbo_nummer,
        providers.kbo_is_valid = false as has_invalid_kbo
    from providers
    left join natural_person_numbers
        on providers.kbo_number = natural_person_numbers.kbo_number
),

application_checks as (
    select
        applications.source_file,
        applications.delivery_date,
        applications.source_line_number,
        applications.application_id as natural_key,
        applications.raw_ingediend_op || ' > ' || applications.raw_beslist_op
            as submitted_and_decided,
        applications.raw_vorige_maatregel,
        applications.insz_is_valid = false as has_invalid_insz,
        applications.insz_is_valid is null as has_missing_insz,
        {{ imw_is_decided_before_submitted(
            'applications.decided_on', 'applications.submitted_on'
        ) }} as has_decision_before_submission,
        applications.previous_measure_code is not null
        and previous_measures.previous_measure_code is null
            as has_unknown_previous_measure
    from applications
    left join previous_measures
        on applications.previous_measure_code = previous_measures.previous_measure_code
),

coaching_checks as (
    select
        coaching.source_file,
        coaching.delivery_date,
        coaching.source_line_number,
        coaching.coaching_id as natural_key,
        coaching.raw_vorm,
        coalesce(coaching_forms.needs_provider, false)
        and coaching.provider_id is null as has_missing_provider
    from coaching
    left join coaching_forms
        on coaching.coaching_form_code = coaching_forms.coaching_form_code
),

mail_checks as (
    select
        mails.source_file,
        mails.delivery_date,
        mails.source_line_number,
        mails.mail_id as natural_key,
        mails.raw_postvak,
        mails.raw_ontvangen_op || ' > ' || mails.raw_afgehandeld_op
            as received_and_handled,
        mailboxes.mailbox_code is null as has_unknown_mailbox,
        coalesce(mails.handled_at < mails.received_at, false)
            as is_handled_before_received
    from mails
    left join mailboxes
        on mails.mailbox_code = mailboxes.mailbox_code
),

settlement_checks as (
    select
        settlements.source_file,
        settlements.delivery_date,
        settlements.source_line_number,
        settlements.settlement_id as natural_key,
        settlements.raw_corrigeert,
        settlements.corrects_settlement_id is not null
        and settlement_ids.settlement_id is null as has_unknown_corrected_booking
    from settlements
    left join settlement_ids
        on settlements.corrects_settlement_id = settlement_ids.settlement_id
),

final as (
    {%- for file, issue_code, flag, issue_value in checks %}
        select
            source_file,
            delivery_date,
            source_line_number,
            natural_key,
            cast('{{ issue_code }}' as {{ dbt.type_string() }}) as issue_code,
            cast({{ issue_value or 'null' }} as {{ dbt.type_string() }}) as issue_value
        from {{ file }}_checks
        where {{ flag }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
