{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('revalidated'),
    )
}}
{#- Every delivered application row with its quarantine reason (null = clean).
    A reference is known when the key is a clean row in any complete delivery:
    deliveries are not always in step (a row may reference a record that only
    appears in the next snapshot), and the build sees all of them.
    Incremental: a run validates the rows of the deliveries not loaded yet
    (each delivery is read once), and validates again the rows quarantined
    earlier, whose reference may have become known since. A clean row stays
    clean (known keys only accumulate), so a full refresh gives the same rows;
    the delete of the rows validated again looks at quarantined rows only
    (incremental_predicates; DBT_INCREMENTAL_TARGET is dbt-duckdb's alias). -#}
with

applications as (
    {{ imw_rows_to_validate(ref('stg_imw__applications')) }}
),

organisations as (
    select distinct organisation_id
    from {{ ref('int_organisations_validated') }}
    where quarantine_reason is null
),

statuses as (
    select status_code from {{ ref('ref_application_statuses') }}
),

application_kinds as (
    select application_kind_code from {{ ref('ref_application_kinds') }}
),

checked as (
    select
        applications.*,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            applications.field_count_issue,
            case
                when applications.application_id is null then 'missing aanvraag_id'
            end,
            case
                when applications.organisation_id is null then 'missing organisatie_id'
                when organisations.organisation_id is null then 'unknown organisatie_id'
            end,
            case
                when applications.premium_type_code is null then 'unknown premietype'
            end,
            case
                when application_kinds.application_kind_code is null
                    then 'unknown aanvraagsoort'
            end,
            case when statuses.status_code is null then 'unknown status' end,
            case
                when
                    applications.submitted_on is null
                    and trim(applications.raw_ingediend_op) <> ''
                    then 'unparseable ingediend_op'
            end,
            case
                when
                    applications.decided_on is null
                    and trim(applications.raw_beslist_op) <> ''
                    then 'unparseable beslist_op'
            end,
            case
                when
                    applications.premium_start_on is null
                    and trim(applications.raw_premie_start) <> ''
                    then 'unparseable premie_start'
            end,
            case
                when
                    applications.premium_end_on is null
                    and trim(applications.raw_premie_einde) <> ''
                    then 'unparseable premie_einde'
            end,
            case
                when
                    applications.premium_stopped_on is null
                    and trim(applications.raw_premie_stopgezet_op) <> ''
                    then 'unparseable premie_stopgezet_op'
            end,
            case
                when
                    applications.wage_premium_pct is null
                    and trim(applications.raw_loonpremie_pct) <> ''
                    then 'unparseable loonpremie_pct'
            end,
            {{ imw_unparseable_timestamp_reason(
                'applications.raw_gewijzigd_op',
                'applications.changed_at',
                'gewijzigd_op'
            ) }}
        ), '') as quarantine_reason
    from applications
    left join organisations
        on applications.organisation_id = organisations.organisation_id
    left join statuses
        on applications.status_code = statuses.status_code
    left join application_kinds
        on applications.application_kind_code = application_kinds.application_kind_code
),

final as (
    select * from checked
)

select * from final
