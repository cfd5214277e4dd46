{#- The quarantine with the raw values: one row per delivered row that could not
    be interpreted, with file, delivery, line, reason and the row's raw text (never
    the INSZ). Private: the raw text may hold the name of a natural person (a
    self-employed holder of an ondersteuningspremie), so it stays in the build
    store; the published audit.quarantined_rows says file, delivery, line and
    reason. -#}
with

organisations as (
    select
        source_file,
        delivery_date,
        source_line_number,
        organisation_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record([
            'organisatie_id', 'kbo_nummer', 'buitenlands_nummer', 'naam', 'nace_code',
            'is_maatwerkbedrijf', 'postcode', 'gemeente', 'land', 'gewijzigd_op',
        ]) }} as raw_record
    from {{ ref('int_organisations_validated') }}
    where quarantine_reason is not null
),

providers as (
    select
        source_file,
        delivery_date,
        source_line_number,
        provider_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record([
            'dienstverlener_id', 'naam', 'kbo_nummer', 'soort', 'erkend_vanaf',
            'erkend_tot', 'postcode',
        ]) }} as raw_record
    from {{ ref('int_providers_validated') }}
    where quarantine_reason is not null
),

applications as (
    select
        source_file,
        delivery_date,
        source_line_number,
        application_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record([
            'aanvraag_id', 'organisatie_id', 'premietype', 'aanvraagsoort',
            'vorige_maatregel', 'ingediend_op', 'status', 'beslist_op', 'premie_start',
            'premie_einde', 'premie_stopgezet_op', 'loonpremie_pct', 'gewijzigd_op',
        ]) }} as raw_record
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is not null
),

coaching as (
    select
        source_file,
        delivery_date,
        source_line_number,
        coaching_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record([
            'begeleiding_id', 'aanvraag_id', 'vorm', 'dienstverlener_id', 'start',
            'einde',
        ]) }} as raw_record
    from {{ ref('int_coaching_validated') }}
    where quarantine_reason is not null
),

settlements as (
    select
        source_file,
        delivery_date,
        source_line_number,
        settlement_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record([
            'afrekening_id', 'aanvraag_id', 'component', 'periode_van', 'periode_tot',
            'bedrag', 'geboekt_op', 'corrigeert',
        ]) }} as raw_record
    from {{ ref('int_settlements_validated') }}
    where quarantine_reason is not null
),

mails as (
    select
        source_file,
        delivery_date,
        source_line_number,
        mail_id as natural_key,
        quarantine_reason,
        {{ imw_raw_record(['mail_id', 'postvak', 'ontvangen_op', 'afgehandeld_op']) }}
            as raw_record
    from {{ ref('int_mails_validated') }}
    where quarantine_reason is not null
),

final as (
    select * from organisations
    union all
    select * from providers
    union all
    select * from applications
    union all
    select * from coaching
    union all
    select * from settlements
    union all
    select * from mails
)

select * from final
