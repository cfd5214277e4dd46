{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('revalidated'),
    )
}}
{#- Every delivered coaching row with its quarantine reason (null = clean). The
    application and the provider are known when they are a clean row in any
    complete delivery (see int_applications_validated).
    Incremental: a run validates the rows of the deliveries not loaded yet
    (each delivery is read once), and validates again the rows quarantined
    earlier, whose reference may have become known since. A clean row stays
    clean (known keys only accumulate), so a full refresh gives the same rows;
    the delete of the rows validated again looks at quarantined rows only
    (incremental_predicates; DBT_INCREMENTAL_TARGET is dbt-duckdb's alias). -#}
with

coaching as (
    {{ imw_rows_to_validate(ref('stg_imw__coaching')) }}
),

applications as (
    select distinct application_id
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
),

providers as (
    select distinct provider_id
    from {{ ref('int_providers_validated') }}
    where quarantine_reason is null
),

coaching_forms as (
    select coaching_form_code from {{ ref('ref_coaching_forms') }}
),

checked as (
    select
        coaching.*,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            coaching.field_count_issue,
            case when coaching.coaching_id is null then 'missing begeleiding_id' end,
            case
                when coaching.application_id is null then 'missing aanvraag_id'
                when applications.application_id is null then 'unknown aanvraag_id'
            end,
            case when coaching_forms.coaching_form_code is null then 'unknown vorm' end,
            case
                when coaching.provider_id is not null and providers.provider_id is null
                    then 'unknown dienstverlener_id'
            end,
            case
                when coaching.started_on is null and trim(coaching.raw_start) <> ''
                    then 'unparseable start'
            end,
            case
                when coaching.ended_on is null and trim(coaching.raw_einde) <> ''
                    then 'unparseable einde'
            end
        ), '') as quarantine_reason
    from coaching
    left join applications
        on coaching.application_id = applications.application_id
    left join providers
        on coaching.provider_id = providers.provider_id
    left join coaching_forms
        on coaching.coaching_form_code = coaching_forms.coaching_form_code
),

final as (
    select * from checked
)

select * from final
